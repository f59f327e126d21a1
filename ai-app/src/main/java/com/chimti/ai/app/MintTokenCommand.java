package com.chimti.ai.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar chimti-ai-server.jar mint-token [--sub u] [--client c] [--brands b1,b2] [--locations l1]
 * [--roles BRAND_ADMIN] [--ai-access] [--modules ai] [--ttl-seconds 3600]}: prints a token signed with the
 * server's HS256 secret (AI_AUTH_JWT_SECRET, or the development secret under AI_DATA_DIR).
 */
final class MintTokenCommand {
    static final String USAGE = """
            usage: java -jar chimti-ai-server.jar mint-token [options]
            Prints a token signed with AI_AUTH_JWT_SECRET (or the development secret under AI_DATA_DIR).
              --sub ID             the user (sub)
              --client ID          the tenant (client_id)
              --brands B1,B2       brand_ids
              --locations L1,L2    location_ids
              --roles R1,R2        roles, e.g. BRAND_ADMIN,STORE
              --ai-access          ai_access: true
              --modules M1,M2      modules, e.g. ai
              --ttl-seconds N      lifetime (default 43200)
              --help, -h           this text""";

    private MintTokenCommand() {
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        TokenMinter.Claims defaults = TokenMinter.Claims.developer();
        String sub = defaults.userId();
        String client = defaults.clientId();
        List<String> brands = defaults.brandIds();
        List<String> locations = defaults.locationIds();
        List<String> roles = defaults.roles();
        boolean aiAccess = false;
        List<String> modules = defaults.modules();
        Duration ttl = Duration.ofHours(12);
        try {
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (flag.equals("--help") || flag.equals("-h")) {
                    out.println(USAGE);
                    return 0;
                }
                if (flag.equals("--ai-access")) {
                    aiAccess = true;
                    continue;
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args.get(++i);
                switch (flag) {
                    case "--sub" -> sub = value;
                    case "--client" -> client = value;
                    case "--brands" -> brands = csv(value);
                    case "--locations" -> locations = csv(value);
                    case "--roles" -> roles = csv(value);
                    case "--modules" -> modules = csv(value);
                    case "--ttl-seconds" -> ttl = Duration.ofSeconds(Long.parseLong(value));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            AppConfig config = AppConfig.fromEnvironment(withDevFallback(environment));
            String secret = config.auth().jwtSecret() != null ? config.auth().jwtSecret()
                    : new LocalSecrets(config.dataDir()).getOrCreate(Secrets.DEV_JWT_SECRET);
            TokenMinter minter = new TokenMinter(secret, config.auth().issuer(), config.auth().audience());
            out.println(minter.mint(new TokenMinter.Claims(sub, client, brands, locations, roles, aiAccess, modules,
                    ttl)));
            return 0;
        } catch (IllegalArgumentException | ConfigException bad) {
            err.println("mint-token: " + bad.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    /** Minting always works locally: without a configured secret it uses the development one. */
    private static Map<String, String> withDevFallback(Map<String, String> environment) {
        if (environment.containsKey("AI_AUTH_JWT_SECRET")) {
            return environment;
        }
        var copy = new java.util.HashMap<>(environment);
        copy.put("AI_DEV_MODE", "true");
        return copy;
    }

    private static List<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
