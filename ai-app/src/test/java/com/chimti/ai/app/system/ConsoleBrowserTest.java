package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The reference console end to end, in headless Chromium, against the real server on the embedded PostgreSQL with
 * the real Codex CLI and the fake OpenAI: connect by device login and pick a model; a streamed answer seen in steps
 * (the fake sends each next delta only once the page showed the previous one), stopped, and resumed after a
 * reload; an action confirmed once and its artifact downloaded, a refused confirm shown with its problem code; and
 * CORS from another origin's page. Each test is its own user, so they share one server and one browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private Path dir;
    private FakeOpenAiServer openAi;
    private HttpServer allowedSite;
    private HttpServer otherSite;
    private RunningServer server;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) {
        this.dir = dir;
        browser = Browser.start(dir);
        openAi = new FakeOpenAiServer();
        allowedSite = blankSite();
        otherSite = blankSite();
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dir);
        env.put("AI_CONSOLE_ENABLED", "true");
        env.put("AI_HTTP_CORS_ORIGINS", origin(allowedSite));
        env.put("CODEX_LOGIN_EXPIRY_MS", "120000");
        env.put("CODEX_EXEC_TIMEOUT_MS", "120000");
        env.put("AI_SSE_DISCONNECT_GRACE_MS", "60000"); // a reload must come back before the turn is dropped
        server = RunningServer.start(dir.resolve("server"), env);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (allowedSite != null) {
            allowedSite.stop(0);
            otherSite.stop(0);
        }
        if (openAi != null) {
            CodexServerFixture.stopAll(server, openAi);
        }
    }

    @AfterEach
    void resetTheFake() {
        openAi.reset();
    }

    private String base() {
        return "http://127.0.0.1:" + server.server.port();
    }

    private void openConsoleAs(String token) {
        browser.open(base() + "/console#token=" + token);
        browser.until(d -> !browser.text("#account-status").equals("unknown") ? true : null);
    }

    @Test
    void aDeviceLoginIsClickedThroughToConnectedThenAModelIsChosen() {
        String alice = RunningServer.adminToken("console-alice");
        openConsoleAs(alice);
        browser.untilText("#account-status", "disconnected");
        assertThat(browser.driver.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token=");

        browser.find("#connect-device").click();
        browser.until(d -> browser.text("#user-code").isEmpty() ? null : true);
        assertThat(browser.find("#verification-url").getText()).startsWith("http");
        browser.untilText("#login-status", "pending");
        openAi.approve(browser.text("#user-code"), "alice@example.com", "plus");

        browser.untilText("#login-status", "connected");
        browser.untilText("#account-status", "connected");
        assertThat(browser.text("#account-email")).isEqualTo("a***@example.com");
        assertThat(browser.driver.findElements(By.cssSelector("#limits meter"))).hasSize(2);

        Select models = new Select(browser.find("#model-select"));
        browser.until(d -> models.getOptions().size() > 1 ? true : null);
        String other = models.getOptions().stream().map(o -> o.getDomProperty("value"))
                .filter(id -> !id.equals(models.getFirstSelectedOption().getDomProperty("value"))).findFirst()
                .orElseThrow();
        models.selectByValue(other);
        browser.until(d -> other.equals(server.get("/v1/ai/models", alice).json().get("current").asText())
                ? true : null);
        browser.screenshot("console-settings");
    }

    @Test
    void anAnswerAppearsInStepsAndAReloadMidAnswerShowsTheRest() {
        String bob = connectedUser("console-bob");
        openAi.reply("Tyres are counted per store every night.");
        openAi.stepDeltas(true);
        openConsoleAs(bob);
        browser.find("#new-chat").click();
        browser.until(d -> browser.text("#chat-title").equals("New chat") ? true : null);
        browser.find("#message-input").sendKeys("How are tyres counted?");
        browser.find("#send").click();

        List<String> seen = new ArrayList<>();
        for (String expected : List.of("Tyres ", "Tyres are ", "Tyres are counted ")) {
            browser.untilText("#streaming .content", expected);
            seen.add(expected);
            if (seen.size() == 3) {
                browser.screenshot("console-chat"); // mid-answer
            }
            openAi.nextDelta();
        }
        browser.untilText("#streaming .content", "Tyres are counted per ");
        seen.add("Tyres are counted per ");
        assertThat(browser.driver.findElements(By.cssSelector(".message.assistant .outcome"))).isEmpty();

        browser.driver.navigate().refresh(); // mid-answer: the page comes back with the text so far and resumes
        browser.untilText("#streaming .content", "Tyres are counted per ");
        openAi.stepDeltas(false);
        browser.until(d -> browser.driver.findElements(By.cssSelector("#streaming")).isEmpty() ? true : null);
        assertThat(lastAnswer()).isEqualTo("Tyres are counted per store every night.");
        assertThat(seen).as("the answer was visible in at least three steps before it completed").hasSizeGreaterThan(3);
    }

    @Test
    void stopEndsASlowAnswer() {
        String carol = connectedUser("console-carol");
        openAi.reply("This answer takes its time to arrive.");
        openAi.stepDeltas(true);
        openConsoleAs(carol);
        browser.find("#new-chat").click();
        browser.until(d -> browser.text("#chat-title").equals("New chat") ? true : null);
        browser.find("#message-input").sendKeys("Take your time");
        browser.find("#send").click();
        browser.untilText("#streaming .content", "This ");

        browser.find("#stop").click();
        browser.untilText(".message.assistant .outcome", "cancelled");
        assertThat(browser.text("#problems .problem-code")).isEqualTo("cancelled");
        assertThat(browser.find("#stop").isEnabled()).isFalse();
    }

    @Test
    void aProposedActionIsConfirmedOnceItsArtifactDownloadedAndARefusedConfirmShowsItsCode() throws IOException {
        String dave = connectedUser("console-dave");
        openConsoleAs(dave);
        browser.find("#new-chat").click();
        browser.until(d -> browser.text("#chat-title").equals("New chat") ? true : null);

        openAi.proposeOnNextTurn("propose_action", "{\"actionType\":\"export_summary\",\"input\":{\"title\":"
                + "\"Tyre stock\",\"summary\":\"48 tyres in store 1.\",\"brandId\":\"brand-1\"}}");
        browser.find("#message-input").sendKeys("Export a summary of the tyre stock");
        browser.find("#send").click();
        browser.untilText(".action-card .action-status", "proposed");
        browser.until(d -> browser.driver.findElements(By.cssSelector("#streaming")).isEmpty() ? true : null);
        browser.screenshot("console-action");

        browser.find(".action-card .confirm").click();
        browser.untilText(".action-card .action-status", "executed");
        assertThat(browser.driver.findElements(By.cssSelector(".action-card .confirm"))).isEmpty();
        browser.find(".action-card .artifact-link").click();
        Path file = browser.downloads.resolve("Tyre stock.md");
        browser.until(d -> Files.exists(file) ? true : null);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("# Tyre stock\n\n48 tyres in store 1.\n");

        // a second proposal, confirmed meanwhile on another device: the page's confirm is refused with 409
        openAi.proposeOnNextTurn("propose_action", "{\"actionType\":\"create_task_note\",\"input\":{\"title\":"
                + "\"Call the supplier\",\"brandId\":\"brand-1\"}}");
        browser.find("#message-input").sendKeys("Remind me to call the supplier");
        browser.find("#send").click();
        By second = By.cssSelector(".action-card:not([data-action-id='" + firstActionId() + "'])");
        browser.until(d -> d.findElements(second).isEmpty() ? null : true);
        String secondId = browser.driver.findElement(second).getDomAttribute("data-action-id");
        assertThat(server.post("/v1/ai/actions/" + secondId + "/confirm", dave, "{}").status()).isEqualTo(200);

        browser.driver.findElement(second).findElement(By.cssSelector(".confirm")).click();
        browser.untilText("#problems .problem-code", "conflict");
        assertThat(browser.text("#problems .problem-detail")).isNotBlank();
        browser.until(d -> d.findElement(second).findElement(By.cssSelector(".action-status"))
                .getDomProperty("textContent").equals("executed") ? true : null);
        assertThat(server.get("/v1/ai/actions/" + secondId, dave).json().get("status").asText()).isEqualTo("executed");
    }

    @Test
    void aPageFromADisallowedOriginCannotCallTheApiAndAnAllowedOneCanIncludingTheStream() {
        String erin = connectedUser("console-erin");
        String chatId = server.newChat(erin);
        openAi.reply("Hello across origins.");

        browser.driver.get(origin(otherSite) + "/");
        assertThat(callFromPage(erin, "GET", "/v1/ai/chats", null)).isEqualTo("blocked");

        browser.driver.get(origin(allowedSite) + "/");
        assertThat(callFromPage(erin, "GET", "/v1/ai/chats", null)).startsWith("200 ");
        String streamed = callFromPage(erin, "POST", "/v1/ai/chats/" + chatId + "/messages",
                "{\"content\":\"Hi from the app\"}");
        assertThat(streamed).startsWith("200 ").contains("event: delta", "event: done", "Hello across origins.");
        JsonNode messages = server.get("/v1/ai/chats/" + chatId + "/messages", erin).json().get("items");
        assertThat(messages.get(messages.size() - 1).get("content").asText()).isEqualTo("Hello across origins.");
    }

    /**
     * A fetch from the page now open (its origin is the caller's): "blocked" when the browser refuses it, else the
     * status and the whole body (an SSE stream read to its end).
     */
    private String callFromPage(String token, String method, String path, String body) {
        Object result = browser.driver.executeAsyncScript("""
                const [url, token, method, body, done] = arguments;
                const headers = {Authorization: 'Bearer ' + token, Accept: body ? 'text/event-stream' : 'application/json'};
                if (body) { headers['Content-Type'] = 'application/json'; }
                fetch(url, {method, headers, body})
                  .then(async response => done(response.status + ' ' + await response.text()))
                  .catch(() => done('blocked'));
                """, base() + path, token, method, body);
        return String.valueOf(result);
    }

    private String firstActionId() {
        return browser.find(".action-card").getDomAttribute("data-action-id");
    }

    private String lastAnswer() {
        List<org.openqa.selenium.WebElement> answers = browser.driver.findElements(
                By.cssSelector(".message.assistant .content"));
        return answers.get(answers.size() - 1).getText();
    }

    /** A brand admin of brand-1 already connected to Codex with an API key. */
    private String connectedUser(String name) {
        String token = RunningServer.adminToken(name);
        CodexServerFixture.loginWithApiKey(server, token);
        return token;
    }

    /** A site of another origin, serving an empty page; a test's script runs there. */
    private static HttpServer blankSite() {
        try {
            HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            site.createContext("/", exchange -> {
                byte[] page = "<!doctype html><title>another origin</title>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            site.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String origin(HttpServer site) {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }
}
