package com.chimti.ai.app;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code java -jar chimti-ai-server.jar} starts the server; {@code ... mint-token [options]} prints a token. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = AppConfig.processEnvironment();
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("mint-token")) {
            System.exit(MintTokenCommand.run(arguments.subList(1, arguments.size()), environment, System.out,
                    System.err));
        }
        AppConfig config;
        AiServer server;
        try {
            config = AppConfig.fromEnvironment(environment);
            server = AiServer.start(config, environment);
        } catch (ConfigException bad) {
            // a one-line answer naming the variable, not a stack trace
            System.err.println("configuration error: " + bad.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ai-server-shutdown"));
        if (config.devMode()) {
            printDeveloperBanner(server, config.front().consoleEnabled());
        }
    }

    private static void printDeveloperBanner(AiServer server, boolean console) {
        String token = server.developerToken();
        String url = "http://localhost:" + server.port();
        System.out.println();
        System.out.println("Chimti AI server (dev mode) is up at " + url);
        if (token != null) {
            System.out.println("Development token (brand admin of demo-client, brand demo-brand, AI enabled):");
            System.out.println();
            System.out.println(token);
            System.out.println();
            System.out.println("Try: curl -s -X POST " + url + "/v1/ai/chats -H \"Authorization: Bearer $TOKEN\""
                    + " -H 'Content-Type: application/json' -d '{\"title\":\"First chat\",\"brandId\":\"demo-brand\"}'");
        }
        if (console) {
            // the token rides in the fragment, which the browser never sends to a server; the page reads it
            System.out.println();
            System.out.println("Console: " + url + "/console" + (token == null ? "" : "#token=" + token));
        }
        System.out.println();
    }
}
