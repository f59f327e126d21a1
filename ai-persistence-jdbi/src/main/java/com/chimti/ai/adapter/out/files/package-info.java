/**
 * Artifact bytes as files on disk ({@link com.chimti.ai.adapter.out.files.FileArtifactStore}); their records are in
 * PostgreSQL ({@code com.chimti.ai.adapter.out.persistence.artifact}).
 */
package com.chimti.ai.adapter.out.files;
