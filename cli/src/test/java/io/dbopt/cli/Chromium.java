package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
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
 * Debian's chromium, headless, driven through its chromedriver (.ci/run installs both), with the checks every HTML
 * report must pass: charts drawn, filters working (from the keyboard), the copy button filling the clipboard, no
 * console error. One browser per test run, shared by the test classes that take it as a parameter
 * ({@code @ExtendWith(Chromium.Resolver.class)}) and quit when the run ends.
 */
final class Chromium implements ExtensionContext.Store.CloseableResource {

    private static final Path CHROMIUM = Path.of(System.getProperty("dbopt.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("dbopt.test.chromedriver",
            "/usr/bin/chromedriver"));

    private final ChromeDriver driver;

    private Chromium() {
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
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
    }

    /** Hands the run's browser to test methods. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Chromium.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Chromium.class, k -> new Chromium(), Chromium.class);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** The driver, for checks of one page. */
    ChromeDriver driver() {
        return driver;
    }

    /** Opens a report, checks it the way every report must pass, and saves a screenshot of its top. */
    void checkReport(Path file, Path screenshot) throws Exception {
        open(file);
        assertThat(driver.findElement(By.cssSelector(".score")).getAttribute("aria-label"))
                .matches("Score \\d+ of 100, grade [A-D]");
        assertChartsDrawn();
        assertFilters();
        assertCopies();
        assertNoConsoleErrors();
        screenshot(screenshot);
    }

    void open(Path file) {
        driver.get(file.toAbsolutePath().toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> ((JavascriptExecutor) d)
                .executeScript("return document.readyState").equals("complete"));
        assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
    }

    List<String> chartTitles() {
        return driver.findElements(By.cssSelector("figure.chart figcaption h3")).stream().map(WebElement::getText)
                .toList();
    }

    /** Every chart is an SVG with a drawn area and marks (bars or lines) of non-zero size. */
    void assertChartsDrawn() {
        List<WebElement> charts = driver.findElements(By.cssSelector("figure.chart svg"));
        assertThat(charts).isNotEmpty();
        for (WebElement svg : charts) {
            assertThat(svg.getAttribute("role")).isEqualTo("img");
            Object marks = ((JavascriptExecutor) driver).executeScript(
                    "var s = arguments[0]; var box = s.getBoundingClientRect();"
                            + "var marks = Array.prototype.filter.call(s.querySelectorAll('g.bar rect, polyline'),"
                            + "  function (m) { var b = m.getBBox(); return b.width > 0 || b.height > 0; });"
                            + "return box.width > 0 && box.height > 0 ? marks.length : -1;", svg);
            assertThat(((Number) marks).intValue()).as("drawn marks in %s", svg.getAttribute("aria-labelledby"))
                    .isPositive();
        }
    }

    /** Severity boxes (by keyboard), the text filter and the section filter hide and show findings. */
    void assertFilters() {
        List<Shown> all = visibleFindings();
        assertThat(all).isNotEmpty();
        String severity = all.get(0).severity();
        long ofSeverity = all.stream().filter(f -> severity.equals(f.severity())).count();
        WebElement box = driver.findElement(By.cssSelector("input[name=severity][value=" + severity + "]"));
        box.sendKeys(Keys.SPACE);
        assertThat(box.isSelected()).isFalse();
        assertThat(visibleFindings()).hasSize((int) (all.size() - ofSeverity))
                .noneMatch(f -> severity.equals(f.severity()));
        assertThat(driver.findElement(By.id("filter-status")).getText())
                .isEqualTo("Showing " + (all.size() - ofSeverity) + " of " + all.size() + " findings");
        box.sendKeys(Keys.SPACE);
        assertThat(visibleFindings()).hasSize(all.size());

        String check = all.get(0).check();
        WebElement text = driver.findElement(By.id("filter-text"));
        text.sendKeys(check);
        assertThat(visibleFindings()).isNotEmpty().allMatch(f -> f.text().contains(check));
        text.clear();
        text.sendKeys(Keys.BACK_SPACE); // clear() fires no input event
        String section = all.get(all.size() - 1).section();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-section")))
                .selectByValue(section);
        assertThat(visibleFindings()).isNotEmpty().allMatch(f -> section.equals(f.section()));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-section"))).selectByValue("");
        assertThat(visibleFindings()).hasSize(all.size());
    }

    /** A finding the driver lays out (not hidden by the filters or by a hidden section). */
    private record Shown(String severity, String section, String check, String text) {
    }

    /** The findings the driver shows, read in one round trip: a box with a layout is shown. */
    @SuppressWarnings("unchecked")
    List<Shown> visibleFindings() {
        List<List<String>> rows = (List<List<String>>) ((JavascriptExecutor) driver).executeScript(
                "return Array.prototype.filter.call(document.querySelectorAll('.report-section .finding'),"
                        + "  function (f) { return f.getClientRects().length > 0; })"
                        + ".map(function (f) { return [f.getAttribute('data-severity'), f.getAttribute('data-section'),"
                        + "  f.querySelector('code.check').textContent, f.innerText]; });");
        return rows.stream().map(r -> new Shown(r.get(0), r.get(1), r.get(2), r.get(3))).toList();
    }

    /** The copy button puts the fix's SQL on the clipboard: pasted into a text field, it is the same text. */
    void assertCopies() {
        WebElement button = driver.findElements(By.cssSelector(".report-section button.copy")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElseThrow();
        String sql = driver.findElement(By.id(button.getAttribute("data-copy"))).getText();
        assertThat(sql).isNotBlank();
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> button.getText().equals("Copied"));
        assertThat(driver.findElement(By.id("copy-status")).getAttribute("textContent"))
                .isEqualTo("The SQL was copied to the clipboard");
        ((JavascriptExecutor) driver).executeScript("var t = document.createElement('textarea');"
                + "t.id = 'paste-here'; document.body.appendChild(t);");
        WebElement paste = driver.findElement(By.id("paste-here"));
        paste.sendKeys(Keys.chord(Keys.CONTROL, "v"));
        assertThat(paste.getAttribute("value").strip()).isEqualTo(sql.strip());
        ((JavascriptExecutor) driver).executeScript("document.getElementById('paste-here').remove();");
    }

    void assertNoConsoleErrors() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("console messages").isEmpty();
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }}
