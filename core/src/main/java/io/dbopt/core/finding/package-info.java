/**
 * The common currency of every analysis: {@link io.dbopt.core.finding.Finding}, grouped into
 * {@link io.dbopt.core.finding.ReportSection}s of a {@link io.dbopt.core.finding.FindingsReport} that renders as
 * text, JSON and HTML, with user {@link io.dbopt.core.finding.Suppression}s.
 */
package io.dbopt.core.finding;
