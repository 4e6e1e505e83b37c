/**
 * Bounded in-memory time series for the reports' charts: {@link io.dbopt.health.series.SeriesStore} keeps a ring
 * of samples per series, {@link io.dbopt.health.series.TimeSeries} and {@link io.dbopt.health.series.Point} are
 * the copies readers get. Long history belongs in a metrics backend: every series is also published as a meter.
 */
package io.dbopt.health.series;
