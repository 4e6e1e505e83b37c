package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.On;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.SchemaPopulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The doctor's HTML report opened in a real browser (Debian's chromium through its chromedriver, headless; .ci/run
 * installs both): the demo's report and a MariaDB database's. Each must draw its charts, filter findings, copy a
 * fix to the clipboard and log no error to the console; a screenshot of each lands in {@code target/report}.
 */
@DbTest
class HtmlReportBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("dbopt.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("dbopt.test.chromedriver",
            "/usr/bin/chromedriver"));

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        assertThat(CHROMIUM).as("chromium is needed for this test: apt-get install chromium chromium-driver "
                + "(.ci/run does)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is needed: apt-get install chromium-driver").isExecutable();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1800", "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Timeout(300)
    void demoReportDrawsItsChartsFiltersAndCopies() throws Exception {
        CliRun run = DemoDoctor.run();
        assertThat(DemoDoctor.HTML).as(run.err()).exists();
        open(DemoDoctor.HTML);

        assertThat(browser.findElement(By.cssSelector(".score")).getAttribute("aria-label"))
                .matches("Score \\d+ of 100, grade [A-D]");
        assertThat(browser.findElement(By.cssSelector("#top-actions li.finding")).isDisplayed()).isTrue();
        assertThat(chartTitles()).contains("Top statements by total time", "Largest tables in public",
                "What the index fixes could free", "Connection pool usage over the run",
                "Transactions over the run");
        assertChartsDrawn();
        assertFilters();
        assertCopies();
        assertNoConsoleErrors();
        screenshot(Path.of("target", "report", "demo-report.png"));
        WebElement tables = browser.findElements(By.cssSelector("figure.chart")).stream()
                .filter(f -> f.getText().startsWith("Largest tables")).findFirst().orElseThrow();
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})", tables);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "report",
                "demo-report-charts.png"), StandardCopyOption.REPLACE_EXISTING);
        for (WebElement chart : browser.findElements(By.cssSelector("figure.chart"))) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", chart);
            Files.copy(chart.getScreenshotAs(OutputType.FILE).toPath(),
                    Path.of("target", "report", "demo-" + chart.getAttribute("id") + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Timeout(180)
    void mariaDbReportDrawsItsChartsFiltersAndCopies(@On(TestDialect.MARIADB) TestDatabase db) throws Exception {
        SchemaPopulator.on(db).withReferences().withDuplicatedIndex().withUnusedIndex().withData(1_000).populate();
        db.execute("SELECT COUNT(*) FROM accounts WHERE number = 'A-1'", "ANALYZE TABLE clients, accounts");
        CliRun run = CliRun.of("doctor", "--url", db.jdbcUrl(), "--user", db.user(), "--format", "html");
        assertThat(run.out()).as(run.err()).startsWith("<!DOCTYPE html>");
        Path file = Path.of("target", "report", "mariadb-report.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, run.out());
        open(file);

        assertThat(browser.findElement(By.cssSelector(".target")).getText()).contains("MariaDB");
        assertThat(chartTitles()).contains("Top statements by total time", "Largest tables in " + db.name(),
                "What the index fixes could free"); // ALTER TABLE ... DROP INDEX counts as a drop
        assertChartsDrawn();
        assertFilters();
        assertCopies();
        assertNoConsoleErrors();
        screenshot(Path.of("target", "report", "mariadb-report.png"));
    }

    private static void open(Path file) {
        browser.get(file.toAbsolutePath().toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((JavascriptExecutor) d)
                .executeScript("return document.readyState").equals("complete"));
        assertThat(browser.findElements(By.tagName("h1"))).hasSize(1);
    }

    private static List<String> chartTitles() {
        return browser.findElements(By.cssSelector("figure.chart figcaption h3")).stream().map(WebElement::getText)
                .toList();
    }

    /** Every chart is an SVG with a drawn area and marks (bars or lines) of non-zero size. */
    private static void assertChartsDrawn() {
        List<WebElement> charts = browser.findElements(By.cssSelector("figure.chart svg"));
        assertThat(charts).isNotEmpty();
        for (WebElement svg : charts) {
            assertThat(svg.getAttribute("role")).isEqualTo("img");
            Object marks = ((JavascriptExecutor) browser).executeScript(
                    "var s = arguments[0]; var box = s.getBoundingClientRect();"
                            + "var marks = Array.prototype.filter.call(s.querySelectorAll('g.bar rect, polyline'),"
                            + "  function (m) { var b = m.getBBox(); return b.width > 0 || b.height > 0; });"
                            + "return box.width > 0 && box.height > 0 ? marks.length : -1;", svg);
            assertThat(((Number) marks).intValue()).as("drawn marks in %s", svg.getAttribute("aria-labelledby"))
                    .isPositive();
        }
    }

    /** Severity boxes (by keyboard), the text filter and the section filter hide and show findings. */
    private static void assertFilters() {
        List<Shown> all = visibleFindings();
        assertThat(all).isNotEmpty();
        String severity = all.get(0).severity();
        long ofSeverity = all.stream().filter(f -> severity.equals(f.severity())).count();
        WebElement box = browser.findElement(By.cssSelector("input[name=severity][value=" + severity + "]"));
        box.sendKeys(Keys.SPACE);
        assertThat(box.isSelected()).isFalse();
        assertThat(visibleFindings()).hasSize((int) (all.size() - ofSeverity))
                .noneMatch(f -> severity.equals(f.severity()));
        assertThat(browser.findElement(By.id("filter-status")).getText())
                .isEqualTo("Showing " + (all.size() - ofSeverity) + " of " + all.size() + " findings");
        box.sendKeys(Keys.SPACE);
        assertThat(visibleFindings()).hasSize(all.size());

        String check = all.get(0).check();
        WebElement text = browser.findElement(By.id("filter-text"));
        text.sendKeys(check);
        assertThat(visibleFindings()).isNotEmpty().allMatch(f -> f.text().contains(check));
        text.clear();
        text.sendKeys(Keys.BACK_SPACE); // clear() fires no input event
        String section = all.get(all.size() - 1).section();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-section")))
                .selectByValue(section);
        assertThat(visibleFindings()).isNotEmpty().allMatch(f -> section.equals(f.section()));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-section"))).selectByValue("");
        assertThat(visibleFindings()).hasSize(all.size());
    }

    /** A finding the browser lays out (not hidden by the filters or by a hidden section). */
    private record Shown(String severity, String section, String check, String text) {
    }

    /** The findings the browser shows, read in one round trip: a box with a layout is shown. */
    @SuppressWarnings("unchecked")
    private static List<Shown> visibleFindings() {
        List<List<String>> rows = (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.prototype.filter.call(document.querySelectorAll('.report-section .finding'),"
                        + "  function (f) { return f.getClientRects().length > 0; })"
                        + ".map(function (f) { return [f.getAttribute('data-severity'), f.getAttribute('data-section'),"
                        + "  f.querySelector('code.check').textContent, f.innerText]; });");
        return rows.stream().map(r -> new Shown(r.get(0), r.get(1), r.get(2), r.get(3))).toList();
    }

    /** The copy button puts the fix's SQL on the clipboard: pasted into a text field, it is the same text. */
    private static void assertCopies() {
        WebElement button = browser.findElements(By.cssSelector(".report-section button.copy")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElseThrow();
        String sql = browser.findElement(By.id(button.getAttribute("data-copy"))).getText();
        assertThat(sql).isNotBlank();
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> button.getText().equals("Copied"));
        assertThat(browser.findElement(By.id("copy-status")).getAttribute("textContent"))
                .isEqualTo("The SQL was copied to the clipboard");
        ((JavascriptExecutor) browser).executeScript("var t = document.createElement('textarea');"
                + "t.id = 'paste-here'; document.body.appendChild(t);");
        WebElement paste = browser.findElement(By.id("paste-here"));
        paste.sendKeys(Keys.chord(Keys.CONTROL, "v"));
        assertThat(paste.getAttribute("value").strip()).isEqualTo(sql.strip());
        ((JavascriptExecutor) browser).executeScript("document.getElementById('paste-here').remove();");
    }

    private static void assertNoConsoleErrors() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("console messages").isEmpty();
    }

    private static void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }
}
