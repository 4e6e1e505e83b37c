package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The demo's HTML report opened in a real browser: every chart the demo's sections measured must be drawn, the
 * filters and the copy button must work and the console must stay clean; screenshots of the page and of each chart
 * land in {@code target/report}. A database's report (both servers, MariaDB included) goes through the same checks
 * in {@link DoctorCommandIT}.
 */
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
}
