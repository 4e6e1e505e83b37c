package io.dbopt.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.core.finding.Finding;
import io.dbopt.migration.script.ScriptStatement;
import io.dbopt.migration.script.SqlScript;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs squawk (the PostgreSQL migration linter, {@code squawk-cli} from npm, installed by {@code .ci/install-squawk})
 * and dbopt's lint side by side on a corpus of migrations with should-fire and should-not-fire cases for every
 * squawk rule, and asserts that dbopt fires (through the rule that covers the squawk rule) on every statement
 * squawk fires on, and fires none of those rules where squawk stays quiet. Where squawk is wrong, the corpus file
 * names the case ({@code -- divergence: <squawk rule>: <why>}), and the test checks that the named divergence really
 * happens. Fails, never skips, when squawk is missing: point at it with {@code -Ddbopt.squawk=...} or
 * {@code SQUAWK=...}.
 *
 * <p>Corpus file header lines: {@code -- expect: <squawk rule> fires|quiet} (checked against squawk's own output),
 * {@code -- pg: <major>} (default 15), {@code -- transactions: per-file|none} (per-file is squawk's
 * {@code --assume-in-transaction}), {@code -- exclude: <squawk rule>} (run neither that rule nor its dbopt
 * counterparts), {@code -- divergence: <squawk rule>: <reason>}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SquawkAgreementTest {

    /** squawk 2.66's rules (its {@code Rule} enum, aliases left out) and its parser's syntax error. */
    static final List<String> SQUAWK_RULES = List.of("require-concurrent-index-creation",
            "require-concurrent-index-deletion", "constraint-missing-not-valid", "adding-field-with-default",
            "adding-foreign-key-constraint", "changing-column-type", "adding-not-nullable-field",
            "adding-serial-primary-key-field", "renaming-column", "renaming-table", "disallowed-unique-constraint",
            "ban-drop-database", "prefer-bigint-over-int", "prefer-bigint-over-smallint", "prefer-identity",
            "prefer-repack", "prefer-robust-stmts", "prefer-text-field", "prefer-timestamp-tz", "ban-char-field",
            "ban-drop-column", "ban-drop-table", "ban-drop-not-null", "transaction-nesting", "adding-required-field",
            "ban-concurrent-index-creation-in-transaction", "unused-ignore", "ban-create-domain-with-constraint",
            "ban-alter-domain-with-add-constraint", "ban-truncate-cascade", "ban-uncommitted-transaction",
            "require-enum-value-ordering", "require-table-schema", "identifier-too-long",
            "require-concurrent-partition-detach", "require-concurrent-reindex", "require-lock-timeout",
            "require-statement-timeout", "ban-duplicate-column-assignments", "syntax-error");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Dialect PG = Dialect.of(DatabaseProduct.POSTGRESQL, ServerVersion.of(15, 0, 0));
    private static List<Case> cases;
    private static Map<String, Set<String>> dboptRulesOf;

    /** One corpus file and what its header says. */
    record Case(Path file, String name, String text, int pg, TransactionModel model, Set<String> excluded,
                Map<String, Boolean> expect, Map<String, String> divergences) {

        String group() {
            return pg + "/" + model + "/" + excluded;
        }
    }

    /** A rule firing on a statement (1-based). */
    record Hit(String rule, int statement) {
    }

    @BeforeAll
    static void loadCorpus() throws IOException, URISyntaxException {
        Path dir = Path.of(SquawkAgreementTest.class.getResource("squawk").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            cases = files.filter(p -> p.toString().endsWith(".sql")).sorted().map(SquawkAgreementTest::read).toList();
        }
        dboptRulesOf = new HashMap<>();
        for (RuleInfo rule : MigrationValidator.rules()) {
            for (String s : rule.squawk()) {
                dboptRulesOf.computeIfAbsent(s, k -> new TreeSet<>()).add(rule.id());
            }
        }
    }

    private static Case read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int pg = 15;
            TransactionModel model = TransactionModel.PER_FILE;
            Set<String> excluded = new TreeSet<>();
            Map<String, Boolean> expect = new LinkedHashMap<>();
            Map<String, String> divergences = new LinkedHashMap<>();
            for (String line : text.lines().toList()) {
                if (line.startsWith("-- pg: ")) {
                    pg = Integer.parseInt(line.substring(7).strip());
                } else if (line.startsWith("-- transactions: ")) {
                    model = line.endsWith("none") ? TransactionModel.NONE : TransactionModel.PER_FILE;
                } else if (line.startsWith("-- exclude: ")) {
                    excluded.add(line.substring(12).strip());
                } else if (line.startsWith("-- expect: ")) {
                    String[] parts = line.substring(11).strip().split("\\s+");
                    expect.put(parts[0], parts[1].equals("fires"));
                } else if (line.startsWith("-- divergence: ")) {
                    String rest = line.substring(15);
                    divergences.put(rest.substring(0, rest.indexOf(':')).strip(),
                            rest.substring(rest.indexOf(':') + 1).strip());
                }
            }
            return new Case(file, file.getFileName().toString(), text, pg, model, excluded, expect, divergences);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read corpus file " + file, e);
        }
    }

    /** Where squawk is: -Ddbopt.squawk, $SQUAWK, or where .ci/install-squawk puts it. */
    static Path squawk() {
        String configured = System.getProperty("dbopt.squawk", System.getenv("SQUAWK"));
        Path path = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of("..", ".ci", "tools", "squawk", "node_modules", ".bin", "squawk").toAbsolutePath().normalize();
        assertThat(Files.isExecutable(path)).as("squawk is not installed at " + path + ": run 'bash .ci/install-squawk' "
                + "(npm install of squawk-cli into .ci/tools/squawk) or point -Ddbopt.squawk / SQUAWK at a squawk binary")
                .isTrue();
        return path;
    }

    @Test
    void everySquawkRuleHasADboptRuleAndFireAndQuietCases() {
        for (String rule : SQUAWK_RULES) {
            assertThat(dboptRulesOf).as("dbopt rule covering squawk's " + rule).containsKey(rule);
            assertThat(cases).as("a corpus case where squawk's " + rule + " fires")
                    .anyMatch(c -> Boolean.TRUE.equals(c.expect().get(rule)));
            assertThat(cases).as("a corpus case where squawk's " + rule + " stays quiet")
                    .anyMatch(c -> Boolean.FALSE.equals(c.expect().get(rule)));
        }
        assertThat(dboptRulesOf.keySet()).as("squawk rules named by dbopt rules").isSubsetOf(SQUAWK_RULES);
    }

    @Test
    void dboptFiresWhereSquawkFiresAndStaysQuietWhereSquawkDoes() throws Exception {
        Path squawk = squawk();
        Map<Case, Set<Hit>> squawkHits = new HashMap<>();
        Map<String, List<Case>> groups = cases.stream().collect(Collectors.groupingBy(Case::group, TreeMap::new,
                Collectors.toList()));
        for (List<Case> group : groups.values()) {
            squawkHits.putAll(runSquawk(squawk, group));
        }
        List<String> problems = new ArrayList<>();
        Tally tally = new Tally();
        for (Case c : cases) {
            compare(c, squawkHits.get(c), dbopt(c), problems, tally);
        }
        System.out.println(tally.report(cases.size()));
        assertThat(problems).as(tally.report(cases.size())).isEmpty();
    }

    /** Agreement counts over the corpus. */
    static final class Tally {
        int statements;
        int squawkFires;
        int agreedFires;
        int namedFires;
        int quietCases;
        int agreedQuiet;
        int dboptExtra;
        int namedExtra;

        String report(int files) {
            return "squawk side by side: " + files + " files, " + statements + " statements; squawk fired "
                    + squawkFires + " times, dbopt agreed on " + agreedFires + " and differed on " + namedFires
                    + " named cases; " + quietCases + " should-not-fire cases, dbopt quiet on " + agreedQuiet
                    + " (the others named); dbopt fired " + dboptExtra + " times where squawk was quiet, " + namedExtra
                    + " of them named";
        }
    }

    private void compare(Case c, Set<Hit> squawk, Set<Hit> dbopt, List<String> problems, Tally tally) {
        Set<String> squawkRules = squawk.stream().map(Hit::rule).collect(Collectors.toSet());
        c.expect().forEach((rule, fires) -> {
            if (squawkRules.contains(rule) != fires) {
                problems.add(c.name() + ": the corpus expects squawk's " + rule + (fires ? " to fire" : " to stay quiet")
                        + " but it " + (fires ? "stayed quiet" : "fired"));
            }
        });
        Set<String> usedDivergences = new TreeSet<>();
        tally.statements += SqlScript.parse(c.name(), c.text(), PG).statements().size();
        for (Hit h : squawk) {
            tally.squawkFires++;
            Set<String> mapped = dboptRulesOf.getOrDefault(h.rule(), Set.of());
            if (dbopt.stream().anyMatch(d -> d.statement() == h.statement() && mapped.contains(d.rule()))) {
                tally.agreedFires++;
            } else if (c.divergences().containsKey(h.rule())) {
                tally.namedFires++;
                usedDivergences.add(h.rule());
            } else {
                problems.add(c.name() + ": squawk's " + h.rule() + " fires on statement " + h.statement()
                        + " but none of " + mapped + " does");
            }
        }
        for (Hit d : dbopt) {
            Set<String> counterparts = counterparts(d.rule());
            if (squawk.stream().anyMatch(h -> h.statement() == d.statement() && counterparts.contains(h.rule()))) {
                continue;
            }
            tally.dboptExtra++;
            Set<String> named = new TreeSet<>(counterparts);
            named.retainAll(c.divergences().keySet());
            if (named.isEmpty()) {
                problems.add(c.name() + ": dbopt's " + d.rule() + " fires on statement " + d.statement()
                        + " where squawk's " + counterparts + " stay quiet");
            } else {
                tally.namedExtra++;
                usedDivergences.addAll(named);
            }
        }
        c.expect().forEach((rule, fires) -> {
            if (!fires) {
                tally.quietCases++;
                if (dbopt.stream().noneMatch(d -> dboptRulesOf.getOrDefault(rule, Set.of()).contains(d.rule()))) {
                    tally.agreedQuiet++;
                }
            }
        });
        Set<String> stale = new TreeSet<>(c.divergences().keySet());
        stale.removeAll(usedDivergences);
        stale.forEach(rule -> problems.add(c.name() + ": the named divergence on " + rule + " does not happen"));
    }

    private static Set<String> counterparts(String dboptRule) {
        return MigrationValidator.rules().stream().filter(r -> r.id().equals(dboptRule))
                .flatMap(r -> r.squawk().stream()).collect(Collectors.toSet());
    }

    /** dbopt's findings of rules that have a squawk counterpart, per statement. */
    private Set<Hit> dbopt(Case c) {
        MigrationValidator.Builder builder = MigrationValidator.builder(Dialect.of(DatabaseProduct.POSTGRESQL,
                ServerVersion.of(c.pg(), 0, 0))).transactions(c.model()).enable("migration.table-schema");
        for (RuleInfo r : MigrationValidator.rules()) {
            if (!r.squawk().isEmpty() && c.excluded().containsAll(r.squawk())) {
                builder.disable(r.id());
            }
        }
        Set<Hit> hits = new TreeSet<>((a, b) -> a.statement() != b.statement()
                ? Integer.compare(a.statement(), b.statement()) : a.rule().compareTo(b.rule()));
        for (Finding f : builder.build().lint(c.name(), c.text()).findings()) {
            if (!counterparts(f.check().value()).isEmpty()) {
                hits.add(new Hit(f.check().value(), ((Number) f.evidenceValue("statement").orElseThrow()).intValue()));
            }
        }
        return hits;
    }

    /** Runs squawk once over a group of files sharing its options; returns its hits per file. */
    private Map<Case, Set<Hit>> runSquawk(Path squawk, List<Case> group) throws IOException, InterruptedException {
        Case first = group.get(0);
        List<String> command = new ArrayList<>(List.of(squawk.toString(), "--reporter", "json", "--pg-version",
                first.pg() + ".0", "--include", "require-table-schema", "--no-error-on-unmatched-pattern"));
        if (first.model() == TransactionModel.PER_FILE) {
            command.add("--assume-in-transaction");
        } else {
            command.add("--no-assume-in-transaction");
        }
        if (!first.excluded().isEmpty()) {
            command.add("--exclude");
            command.add(String.join(",", first.excluded()));
        }
        group.forEach(c -> command.add(c.file().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("squawk finished").isTrue();
        JsonNode violations = JSON.readTree(out);
        assertThat(violations.isArray()).as("squawk's JSON report; stderr: " + err).isTrue();
        Map<Case, Set<Hit>> hits = new HashMap<>();
        group.forEach(c -> hits.put(c, new TreeSet<>((a, b) -> a.statement() != b.statement()
                ? Integer.compare(a.statement(), b.statement()) : a.rule().compareTo(b.rule()))));
        for (JsonNode v : violations) {
            Path file = Path.of(v.get("file").asText());
            Case c = group.stream().filter(x -> x.file().equals(file) || x.file().endsWith(file)).findFirst()
                    .orElseThrow(() -> new AssertionError("squawk reported an unknown file " + file));
            hits.get(c).add(new Hit(v.get("rule_name").asText(), statementAt(c, v.get("line").asInt() + 1)));
        }
        return hits;
    }

    /** The statement a (1-based) line belongs to: the one spanning it, else the next one. */
    private static int statementAt(Case c, int line) {
        List<ScriptStatement> statements = SqlScript.parse(c.name(), c.text(), PG).statements();
        for (ScriptStatement s : statements) {
            if (s.line() <= line && line <= s.endLine() || s.line() > line) {
                return s.index();
            }
        }
        return statements.isEmpty() ? 0 : statements.get(statements.size() - 1).index();
    }
}
