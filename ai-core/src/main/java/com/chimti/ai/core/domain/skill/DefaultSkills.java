package com.chimti.ai.core.domain.skill;

import java.util.List;

/**
 * The skills every installation starts with. Like every skill they are prompt templates: the provider answers
 * them in its read-only sandbox, reading what it may read, executing and writing nothing.
 */
public final class DefaultSkills {
    public static final Skill CODE_SEARCH = new Skill("code-search",
            "Finds where something is defined or used in the code the assistant can read (read-only).",
            """
            Task: search the code you can read for what the request below asks about. Only read files; do not \
            modify, create or delete anything and do not run programs.
            Request:
            {{message}}
            Limit the search to this path (the whole workspace when not provided):
            {{extra.path}}
            Return at most {{extra.maxResults}} results (10 when not provided), each as `path:line` followed by \
            one sentence on why it matters, best match first. Say so plainly when nothing matches.
            Additional context:
            {{context}}""",
            List.of(SkillParam.string("path", 200), SkillParam.integer("maxResults", 1, 50)));

    public static final Skill EXPLAIN_ERROR = new Skill("explain-error",
            "Explains an error message or stack trace and suggests likely fixes.",
            """
            Task: explain the error below in plain words: what it means, the most likely causes, and concrete \
            steps to fix it, most likely first. Do not run programs or modify files.
            Programming language (guess from the text when not provided): {{extra.language}}
            Error:
            {{message}}
            Related code or logs:
            {{context}}""",
            List.of(SkillParam.oneOf("language", "java", "kotlin", "javascript", "typescript", "python", "go",
                    "rust", "csharp", "php", "ruby", "sql")));

    private DefaultSkills() {
    }

    public static List<Skill> all() {
        return List.of(CODE_SEARCH, EXPLAIN_ERROR);
    }
}
