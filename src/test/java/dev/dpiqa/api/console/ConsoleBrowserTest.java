package dev.dpiqa.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dpiqa.api.ApiTestKeys;
import dev.dpiqa.pipeline.EmbeddedKafkaResource;
import dev.dpiqa.pipeline.EventSchemas;
import dev.dpiqa.pipeline.KafkaTestClient;
import dev.dpiqa.pipeline.UploadCorpus;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventMode;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.local.SampleUploads;
import dev.dpiqa.redistill.CopiedModelCache;
import dev.dpiqa.redistill.DistillReport;
import dev.dpiqa.redistill.DistillReports;
import dev.dpiqa.redistill.LabelStore;
import dev.dpiqa.redistill.LabelledImage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer console in a real headless Chromium against the service on the embedded broker: sign-in, the queue
 * filling from image-quality, a photo with its quality map, a decision that becomes a label re-distillation reads,
 * the Thresholds page, scoring a photo, the Models page with its admin-only rollback, the refusals (no session, no
 * CSRF token) and the queue's load time with 500 items. One browser and one application for all of it, in order.
 * Screenshots of each page go to target/console-screenshots, or with -Dconsole.screenshots=docs/console to
 * the documentation's.
 */
@QuarkusTest
@TestProfile(ConsoleProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String ADMIN_KEY = ApiTestKeys.CLIENT_ONE;
    private static final String REVIEWER_KEY = "test-key-2";
    private static final String PHOTO = "715.JPG";
    private static final int LOAD_ITEMS = 500;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ASSET = 1;
    private static final int VERDICT = 3;

    private static ChromeDriver browser;
    private static Path photos;
    private static Map<String, Double> samples;

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    LabelStore labels;

    @BeforeAll
    static void start() throws IOException {
        photos = Files.createTempDirectory("dpiqa-console-photos");
        samples = SampleUploads.extractBundled(photos);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void anUnauthenticatedBrowserIsRefused() {
        browser.get(console.toString());
        waitFor(By.id("login"));
        assertThat(status("GET", "api/queue", null, null)).isEqualTo(401);
        assertThat(status("GET", "api/queue/anything/photo", null, null)).isEqualTo(401);
        assertThat(status("GET", "api/models", null, null)).isEqualTo(401);
        given().get("/console/api/queue").then().statusCode(401);

        browser.findElement(By.id("api-key")).sendKeys("not-a-key", Keys.ENTER);
        waitUntilText(By.id("login-error"), "not known");
        assertThat(browser.findElements(By.id("queue-table"))).isEmpty();
        HeadlessChromium.screenshot(browser, "login", null);
    }

    @Test
    @Order(2)
    void signsInWithAnApiKeyIntoAnHttpOnlyStrictSessionCookie() {
        signIn(ADMIN_KEY);
        waitFor(By.cssSelector("#main h1"));
        Cookie cookie = browser.manage().getCookieNamed("dpiqa_console");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/console");
        assertThat((String) browser.executeScript("return document.cookie")).doesNotContain("dpiqa_console");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("client-one (admin)");
        // The cookie opens the console only, never /v1.
        given().cookie("dpiqa_console", cookie.getValue()).get("/v1/models").then().statusCode(401);
    }

    @Test
    @Order(3)
    void theQueueFillsFromTheBroker() {
        try (KafkaTestClient kafka = kafka()) {
            samples.keySet().forEach(name -> kafka.send("image-uploads", name, UploadCorpus.upload(
                    UUID.randomUUID().toString(), UploadCorpus.byUri(name, photos.resolve(name))), EventMode.STRUCTURED));
            kafka.send("image-uploads", "inline.png", UploadCorpus.upload(UUID.randomUUID().toString(),
                    UploadCorpus.inline("inline.png", UploadCorpus.picture(3, "png"))), EventMode.STRUCTURED);
            kafka.flush();
        }
        browser.get(console + "#/queue");
        Awaitility.await().atMost(WAIT).ignoreException(StaleElementReferenceException.class).until(() -> {
            browser.findElement(By.id("refresh")).click();
            return column(ASSET).containsAll(samples.keySet()) && column(ASSET).contains("inline.png");
        });
        waitUntilLoaded("#queue-table img.thumb");
        HeadlessChromium.screenshot(browser, "queue", null);

        String verdict = column(VERDICT).get(0);
        new Select(browser.findElement(By.id("filter-verdict"))).selectByValue(verdict);
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        int expected = given().header("X-API-Key", ADMIN_KEY).queryParam("verdict", verdict)
                .get("/console/api/queue").then().statusCode(200).extract().path("total");
        Awaitility.await().atMost(WAIT).ignoreException(StaleElementReferenceException.class)
                .until(() -> column(VERDICT).size() == expected
                && column(VERDICT).stream().allMatch(verdict::equals));
        new Select(browser.findElement(By.id("filter-verdict"))).selectByValue("");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    }

    @Test
    @Order(4)
    void aPhotoOpensWithItsQualityMapOverTheWholePhoto() {
        browser.get(console + "#/queue");
        waitFor(By.linkText(PHOTO)).click();
        WebElement photo = waitFor(By.cssSelector(".frame img.photo"));
        WebElement map = browser.findElement(By.cssSelector(".frame img.quality-map"));
        waitUntilLoaded(photo);
        waitUntilLoaded(map);
        assertThat(map.isDisplayed()).isTrue();
        // The map covers the photo exactly and was drawn at the photo's aspect ratio.
        assertThat(map.getRect().getDimension()).isEqualTo(photo.getRect().getDimension());
        assertThat(map.getRect().getPoint()).isEqualTo(photo.getRect().getPoint());
        assertThat(aspect(map)).isCloseTo(aspect(photo), org.assertj.core.data.Offset.offset(0.02));
        assertThat(Double.parseDouble(map.getCssValue("opacity"))).isBetween(0.3, 0.7);
        assertThat(browser.findElement(By.cssSelector(".legend")).getText()).contains("worse", "better");
        assertThat(browser.findElement(By.id("student-mos")).getText()).matches("\\d+\\.\\d");
        HeadlessChromium.screenshot(browser, "photo", null);

        WebElement toggle = browser.findElement(By.cssSelector("input.show-map"));
        toggle.click();
        assertThat(map.isDisplayed()).isFalse();
        toggle.sendKeys(Keys.SPACE);
        assertThat(map.isDisplayed()).isTrue();
    }

    @Test
    @Order(5)
    void aDecisionBecomesALabelThatDistillReads() {
        openPhoto(PHOTO);
        WebElement slider = waitFor(By.id("decision-mos"));
        slider.sendKeys(Keys.HOME);
        for (int i = 0; i < 72; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        assertThat(browser.findElement(By.id("decision-mos-value")).getText()).isEqualTo("72");
        browser.findElement(By.id("submit-mos")).click();
        waitUntilText(By.id("decision-result"), "Label published");

        List<ConsumerRecord<String, byte[]>> published = labelRecords(1);
        assertThat(published).hasSize(1);
        CloudEvent event = KafkaTestClient.event(published.get(0));
        assertThat(event.type()).isEqualTo(EventTypes.IMAGE_LABELLED);
        assertThat(event.subject()).contains(PHOTO);
        EventSchemas.assertValid("image-labels", event.data());
        assertThat(event.data().path("mos").asDouble()).isEqualTo(72.0);
        assertThat(event.data().path("raters").asInt()).isEqualTo(1);
        assertThat(event.data().path("source").asText()).isEqualTo("dpiqa-console:client-one");
        String uri = photos.resolve(PHOTO).toUri().toString();
        assertThat(event.data().path("image_uri").asText()).isEqualTo(uri);

        // dpiqa distill's reader takes it as a label of the asset.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(labels.read(0, Duration.ofMinutes(5)).labels())
                .contains(new LabelledImage(PHOTO, uri, 72.0, 1, "dpiqa-console:client-one")));

        // The same decision again publishes nothing; accepting publishes the accept band's middle.
        browser.findElement(By.id("submit-mos")).click();
        waitUntilText(By.id("decision-result"), "Already published");
        browser.findElement(By.id("accept")).click();
        waitUntilText(By.id("decision-result"), "MOS 80.0");
        List<ConsumerRecord<String, byte[]>> afterwards = labelRecords(2);
        assertThat(afterwards).hasSize(2);
        assertThat(KafkaTestClient.data(afterwards.get(1)).path("mos").asDouble()).isEqualTo(80.0);
        // The label intake found nothing wrong with them: no dead letter came from image-labels.
        assertThat(read("image-uploads-dlq", r -> false, Duration.ofSeconds(3)))
                .noneMatch(r -> "image-labels".equals(KafkaTestClient.header(r, PipelineHeaders.ORIGINAL_TOPIC)));
    }

    @Test
    @Order(6)
    void theDecideActionIsRefusedWithoutItsCsrfToken() {
        openPhoto(PHOTO);
        String id = itemId(PHOTO);
        String path = "api/queue/" + id + "/decision";
        assertThat(status("POST", path, "{\"mos\": 10}", null)).isEqualTo(403);
        assertThat(status("POST", path, "{\"mos\": 10}", "not-the-token")).isEqualTo(403);
        assertThat(status("POST", "api/models/rollback", "", null)).isEqualTo(403);
        String session = browser.manage().getCookieNamed("dpiqa_console").getValue();
        given().cookie("dpiqa_console", session).contentType("application/json").body("{\"mos\": 10}")
                .post("/console/" + path).then().statusCode(403);
        // A login posted from another site's page is refused too.
        given().header("Origin", "https://evil.example").contentType("application/json")
                .body("{\"api_key\": \"" + ADMIN_KEY + "\"}").post("/console/api/session").then().statusCode(403);
        assertThat(labelRecords(2)).noneMatch(r -> KafkaTestClient.data(r).path("mos").asDouble() == 10.0);
    }

    @Test
    @Order(7)
    void movingAThresholdChangesTheConfusionTable() throws IOException {
        browser.get(console + "#/thresholds");
        new Select(waitFor(By.id("labelled-set"))).selectByValue("samples");
        browser.findElement(By.id("evaluate-set")).click();
        WebElement table = waitFor(By.id("confusion"));
        assertThat(browser.findElement(By.id("evaluation-title")).getText()).contains("8 photos scored");
        assertThat(browser.findElement(By.id("evaluation")).getText()).containsPattern("SRCC\\s+-?\\d\\.\\d{3}");
        String before = table.getText();
        assertThat(cell("accept", "accept") + cell("review", "review") + cell("reject", "reject")
                + offDiagonal()).isEqualTo(samples.size());
        HeadlessChromium.screenshot(browser, "thresholds", browser.findElement(By.id("evaluation")));

        WebElement acceptFrom = browser.findElement(By.id("accept-from"));
        acceptFrom.sendKeys(Keys.END);
        WebElement rejectBelow = browser.findElement(By.id("reject-below"));
        rejectBelow.sendKeys(Keys.END); // meets accept-from at 100: everything below it is rejected
        assertThat(browser.findElement(By.id("confusion")).getText()).isNotEqualTo(before);
        assertThat(cell("reject", "reject")).isEqualTo(samples.size() - (int) samples.values().stream()
                .filter(mos -> mos >= 100).count());
        assertThat(browser.findElement(By.id("export")).getText())
                .contains("dpiqa.scoring.reject-below=100", "dpiqa.scoring.accept-from=100");

        // A set of one's own: a mos.csv and the photos it names, uploaded from the browser.
        Path csv = Files.writeString(photos.resolve("mos.csv"), "image,mos\n" + PHOTO + ",88.3\n572.JPG,40.2\n");
        browser.findElement(By.id("labels-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("labelled-photos")).sendKeys(photos.resolve(PHOTO).toAbsolutePath() + "\n"
                + photos.resolve("572.JPG").toAbsolutePath());
        browser.findElement(By.id("evaluate-upload")).click();
        waitUntilText(By.id("evaluation-title"), "mos.csv: 2 photos scored");
        assertThat(cell("accept", "accept") + cell("review", "review") + cell("reject", "reject") + offDiagonal())
                .isEqualTo(2);
    }

    @Test
    @Order(8)
    void scoresAChosenPhotoAndRefusesAPrivateAddress() {
        browser.get(console + "#/score");
        waitFor(By.id("photo-file")).sendKeys(photos.resolve(PHOTO).toAbsolutePath().toString());
        waitFor(By.id("score-result"));
        assertThat(browser.findElement(By.id("scored-mos")).getText()).matches("\\d+\\.\\d");
        WebElement map = browser.findElement(By.cssSelector("#score-result img.quality-map"));
        waitUntilLoaded(map);
        assertThat(map.getAttribute("src")).startsWith("data:image/png;base64,");
        HeadlessChromium.screenshot(browser, "score", browser.findElement(By.id("score-result")));

        WebElement url = browser.findElement(By.id("photo-url"));
        url.sendKeys("http://169.254.169.254/latest/meta-data/", Keys.ENTER);
        waitUntilText(By.id("score-error"), "169.254.169.254");
    }

    @Test
    @Order(9)
    void modelsShowTheServingVersionAndOnlyAnAdminRollsBack() throws IOException {
        Path version = CopiedModelCache.root().resolve("fixture_student").resolve("1.1.0");
        Files.writeString(version.resolve("MODEL_CARD.md"), "# fixture_student 1.1.0\n\n| data | SRCC |\n|---|---|\n"
                + "| held-out | 0.91 |\n\n<script>alert(1)</script>\n\n![chart](https://example.org/chart.png)\n");
        new DistillReports(CopiedModelCache.root(), KafkaTestClient.JSON).save("fixture_student",
                DistillReport.failed("not enough usable labels: 2 held out (need 6)", 3.5));

        browser.get(console + "#/models");
        waitUntilText(By.id("serving"), "fixture_student/1.1.0");
        WebElement card = browser.findElement(By.id("model-card"));
        assertThat(card.findElements(By.cssSelector("table td"))).extracting(WebElement::getText).contains("0.91");
        assertThat(card.findElements(By.tagName("script"))).isEmpty();
        assertThat(card.findElements(By.tagName("img"))).isEmpty();
        assertThat(card.getText()).contains("<script>alert(1)</script>", "[image: chart]");
        assertThat(browser.findElement(By.id("last-distillation")).getText()).contains("failed", "not enough usable");
        assertThat(browser.findElements(By.id("rollback"))).hasSize(1);
        HeadlessChromium.screenshot(browser, "models", null);

        signOut();
        signIn(REVIEWER_KEY);
        browser.get(console + "#/models");
        waitUntilText(By.id("serving"), "fixture_student/1.1.0");
        assertThat(browser.findElements(By.id("rollback"))).isEmpty();
        assertThat(status("POST", "api/models/rollback", "", csrfToken())).isEqualTo(403);

        signOut();
        signIn(ADMIN_KEY);
        browser.get(console + "#/models");
        waitFor(By.id("rollback")).click();
        waitFor(By.id("confirm-rollback")).click();
        waitUntilText(By.id("serving"), "fixture_student/1.0.0");
    }

    @Test
    @Order(10)
    void theConsoleLoadsNothingFromElsewhere() {
        browser.get(console + "#/queue");
        waitFor(By.id("queue-table"));
        String origin = console.getProtocol() + "://" + console.getAuthority() + "/";
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).isNotEmpty().allMatch(name -> name.startsWith(origin) || name.startsWith("data:"));
        for (String path : List.of("/console/", "/console/js/main.js", "/console/api/session")) {
            Response response = given().get(path);
            assertThat(response.header("Content-Security-Policy")).as(path)
                    .contains("default-src 'none'", "script-src 'self'", "img-src 'self' data: blob:",
                            "frame-ancestors 'none'");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location",
                org.hamcrest.Matchers.endsWith("/console/"));
    }

    @Test
    @Order(11)
    void theQueueIsWorkedWithTheKeyboardAlone() {
        browser.get(console + "#/queue");
        waitFor(By.id("queue-table"));
        WebElement active = null;
        for (int i = 0; i < 60; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            active = browser.switchTo().activeElement();
            if ("a".equals(active.getTagName()) && active.getAttribute("href").contains("#/photo/")) {
                break;
            }
        }
        assertThat(active.getAttribute("href")).contains("#/photo/");
        active.sendKeys(Keys.ENTER);
        WebElement slider = waitFor(By.id("decision-mos"));
        for (int i = 0; i < 30 && !slider.equals(browser.switchTo().activeElement()); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.switchTo().activeElement()).isEqualTo(slider);
    }

    @Test
    @Order(12)
    void theQueuePageLoadsInUnderASecondWith500Items() throws IOException {
        Path generated = Files.createDirectories(photos.resolve("load"));
        try (KafkaTestClient kafka = kafka()) {
            for (int i = 0; i < LOAD_ITEMS; i++) {
                String name = "load-" + i + ".png";
                Files.write(generated.resolve(name), UploadCorpus.picture(i, "png"));
                kafka.send("image-uploads", name, UploadCorpus.upload(UUID.randomUUID().toString(),
                        UploadCorpus.byUri(name, generated.resolve(name))), EventMode.STRUCTURED);
            }
            kafka.flush();
        }
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() ->
                given().header("X-API-Key", ADMIN_KEY).get("/console/api/queue?limit=1").<Integer>path("total")
                        >= LOAD_ITEMS);
        List<Double> rendered = new ArrayList<>();
        List<Double> thumbnails = new ArrayList<>();
        for (int load = 0; load < 3; load++) {
            browser.get(console + "#/thresholds");
            browser.navigate().to(console + "#/queue");
            browser.navigate().refresh();
            waitFor(By.id("queue-table"));
            Awaitility.await().atMost(WAIT).until(() -> mark("queue-thumbnails") != null);
            rendered.add(mark("queue-rendered"));
            thumbnails.add(mark("queue-thumbnails"));
        }
        int total = given().header("X-API-Key", ADMIN_KEY).get("/console/api/queue?limit=1").path("total");
        String result = String.format(java.util.Locale.ROOT, "console queue page, %d items queued, 50 per page:"
                + " rendered %s ms, thumbnails %s ms after navigation start (first load cold)%n", total, rendered,
                thumbnails);
        System.out.print(result);
        Files.writeString(Path.of("target/console-load.txt"), result);
        assertThat(rendered).allMatch(ms -> ms < 1000);
        assertThat(thumbnails.subList(1, thumbnails.size())).allMatch(ms -> ms < 1000);
    }

    private Double mark(String name) {
        Object value = browser.executeScript("const m = performance.getEntriesByName(arguments[0]);"
                + " return m.length ? m[0].startTime : null;", name);
        return value == null ? null : ((Number) value).doubleValue();
    }

    private void signIn(String key) {
        browser.get(console.toString());
        waitFor(By.id("api-key")).sendKeys(key, Keys.ENTER);
        waitFor(By.id("nav"));
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("nav")).isDisplayed());
    }

    private void signOut() {
        browser.findElement(By.id("logout")).click();
        waitFor(By.id("login"));
    }

    private void openPhoto(String asset) {
        browser.get(console + "#/photo/" + itemId(asset));
        waitFor(By.id("decide"));
    }

    private String itemId(String asset) {
        JsonNode page = given().header("X-API-Key", ADMIN_KEY).queryParam("limit", 200).get("/console/api/queue")
                .then().statusCode(200).extract().as(JsonNode.class);
        for (JsonNode item : page.path("items")) {
            if (item.path("asset_id").asText().equals(asset)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError(asset + " is not in the queue: " + page);
    }

    private String csrfToken() {
        return (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch('api/session').then(r => r.json()).then(s => done(s.csrf_token));");
    }

    /** What the page's own fetch gets: the browser's cookie goes along, the CSRF header only when given. */
    private int status(String method, String path, String body, String csrf) {
        Object status = browser.executeAsyncScript("const [method, path, body, csrf, done] = arguments;"
                + " const headers = {'Content-Type': 'application/json'}; if (csrf) headers['X-CSRF-Token'] = csrf;"
                + " fetch(path, {method, headers, body: method === 'GET' ? undefined : body})"
                + ".then(r => done(r.status), e => done(-1));", method, path, body, csrf);
        return ((Number) status).intValue();
    }

    private List<ConsumerRecord<String, byte[]>> labelRecords(int expected) {
        return read("image-labels", r -> r.stream().filter(this::fromConsole).count() >= expected, Duration.ofSeconds(30))
                .stream().filter(this::fromConsole).toList();
    }

    /** The topic from its start, until {@code done} holds (and a second more, for late duplicates) or timeout. */
    private static List<ConsumerRecord<String, byte[]>> read(String topic,
                                                             Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                             Duration timeout) {
        try (KafkaTestClient kafka = kafka()) {
            return kafka.readAll(topic, done, Duration.ofSeconds(1), timeout);
        }
    }

    private boolean fromConsole(ConsumerRecord<String, byte[]> record) {
        return PHOTO.equals(record.key()) && KafkaTestClient.event(record).source().equals("/dpiqa/console");
    }

    /** One column of the queue table as it is now, read in one go (the page re-renders as the queue fills). */
    @SuppressWarnings("unchecked")
    private static List<String> column(int index) {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('#queue-table tbody tr')]"
                + ".map(row => row.cells[arguments[0]].textContent.trim())", index);
    }

    private int cell(String human, String model) {
        return Integer.parseInt(browser.findElement(By.cssSelector(
                "#confusion td[data-human='" + human + "'][data-model='" + model + "']")).getText());
    }

    private int offDiagonal() {
        int sum = 0;
        for (String human : List.of("reject", "review", "accept")) {
            for (String model : List.of("reject", "review", "accept")) {
                sum += human.equals(model) ? 0 : cell(human, model);
            }
        }
        return sum;
    }

    private static double aspect(WebElement image) {
        Number width = (Number) browser.executeScript("return arguments[0].naturalWidth", image);
        Number height = (Number) browser.executeScript("return arguments[0].naturalHeight", image);
        return width.doubleValue() / height.doubleValue();
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    private static void waitUntilText(By locator, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** The first image {@code css} selects has loaded, whichever element it is by then. */
    private static void waitUntilLoaded(String css) {
        new WebDriverWait(browser, WAIT).until(d -> Boolean.TRUE.equals(browser.executeScript(
                "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0", css)));
    }

    private static void waitUntilLoaded(WebElement image) {
        new WebDriverWait(browser, WAIT).until(d -> Boolean.TRUE.equals(browser.executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", image)));
    }

    private static KafkaTestClient kafka() {
        return new KafkaTestClient(EmbeddedKafkaResource.broker().bootstrapServers());
    }
}
