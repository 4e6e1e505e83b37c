package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.On;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.SchemaPopulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The doctor's HTML report opened in a real browser (see {@link Chromium}): the demo's and a MariaDB database's.
 * Every chart the sections measured must be drawn, the filters and the copy button must work and the console must
 * stay clean; screenshots of the pages (and of each demo chart) land in {@code target/report}.
 */
@DbTest
@ExtendWith(Chromium.Resolver.class)
class HtmlReportBrowserIT {

    @Test
    @Timeout(300)
    void demoReportDrawsItsChartsFiltersAndCopies(Chromium chromium) throws Exception {
        CliRun run = DemoDoctor.run();
        assertThat(DemoDoctor.HTML).as(run.err()).exists();
        chromium.open(DemoDoctor.HTML);
        assertThat(chromium.driver().findElement(By.cssSelector("#top-actions li.finding")).isDisplayed()).isTrue();
        assertThat(chromium.chartTitles()).contains("Top statements by total time", "Largest tables in public",
                "What the index fixes could free", "Connection pool usage over the run",
                "Transactions over the run");
        chromium.checkReport(DemoDoctor.HTML, Path.of("target", "report", "demo-report.png"));

        // pictures for the docs: the index charts in their page, and each chart on its own
        JavascriptExecutor js = chromium.driver();
        WebElement tables = chromium.driver().findElements(By.cssSelector("figure.chart")).stream()
                .filter(f -> f.getText().startsWith("Largest tables")).findFirst().orElseThrow();
        js.executeScript("arguments[0].scrollIntoView({block: 'start'})", tables);
        Files.copy(chromium.driver().getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "report",
                "demo-report-charts.png"), StandardCopyOption.REPLACE_EXISTING);
        for (WebElement chart : chromium.driver().findElements(By.cssSelector("figure.chart"))) {
            js.executeScript("arguments[0].scrollIntoView()", chart);
            Files.copy(chart.getScreenshotAs(OutputType.FILE).toPath(),
                    Path.of("target", "report", "demo-" + chart.getAttribute("id") + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Timeout(180)
    void mariaDbReportDrawsItsChartsFiltersAndCopies(@On(TestDialect.MARIADB) TestDatabase db, Chromium chromium)
            throws Exception {
        // the populator's planted problems: a duplicate and an unused index to drop, tables to measure
        SchemaPopulator.on(db).withReferences().withDuplicatedIndex().withUnusedIndex().withData(1_000).populate();
        db.execute("ANALYZE TABLE clients, accounts");
        Path html = Files.createDirectories(Path.of("target", "report")).resolve("mariadb-report.html");
        CliRun run = CliRun.of("doctor", "--url", db.jdbcUrl(), "--user", db.user(), "--format", "html");
        assertThat(run.out()).as(run.err()).startsWith("<!DOCTYPE html>");
        Files.writeString(html, run.out());

        chromium.open(html);
        assertThat(chromium.driver().findElement(By.cssSelector(".target")).getText()).contains("MariaDB");
        // MariaDB's fixes drop with ALTER TABLE ... DROP INDEX; its statement digests are server-wide and bounded,
        // so once the server's table is full a new database has no top statements to draw
        assertThat(chromium.chartTitles()).contains("Largest tables in " + db.name(),
                "What the index fixes could free");
        chromium.checkReport(html, Path.of("target", "report", "mariadb-report.png"));
    }
}
