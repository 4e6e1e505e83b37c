package io.dbopt.query.recording;

import io.dbopt.query.LoadTrigger;
import io.dbopt.query.orm.EntityMappings;
import io.dbopt.query.sql.SqlFacts;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes N+1 and repeated-query advice at the level the code that caused it works at: for a load an ORM ran on its
 * own (lazy collection, proxy, EAGER follow-up, batch loader) the association ({@code Customer.rentals}, from the
 * mapping when known, else the table and key column) and the JPA fix (JOIN FETCH, an entity graph, batch fetching,
 * {@code FetchType.LAZY}); for application code the batched SQL ({@link BatchAdvice}). Stateless.
 */
final class OrmAdvice {

    private static final String NAME = "(?:[a-z_][a-z0-9_$]*|\"[^\"]+\"|`[^`]+`)";
    /** The first key predicate: {@code col = ?}, {@code col = any(?)}, {@code col in (?)}. */
    private static final Pattern KEY = Pattern.compile("(?:" + NAME + "\\.)?(" + NAME
            + ") (?:= \\?|= any ?\\(\\?\\)|in \\(\\?\\))");

    private static final Pattern FROM = Pattern.compile(" from (" + NAME + "(?:\\." + NAME + ")?)");

    private OrmAdvice() {
    }

    /**
     * Advice for one pattern.
     *
     * @return the suggestion, the association (or empty) and the SQL suggestion, in that order
     */
    static String[] nPlusOne(SqlFacts facts, LoadTrigger trigger, boolean batched, int executions, int keys,
                             boolean postgres, EntityMappings mappings) {
        String sql = BatchAdvice.suggest(facts, postgres);
        if (!trigger.isAssociationLoad()) {
            if (batched) {
                return new String[] {executions + " round trips of " + keysText(keys) + " each: when the chunks are "
                        + "deliberate, fewer and larger ones (or one query) save round trips", "", sql};
            }
            if (trigger == LoadTrigger.ORM_QUERY) {
                return new String[] {"the application runs this ORM query once per parent: load all of them in one "
                        + "query (where e.id in :ids, findAllById, or JOIN FETCH in the query that produced the "
                        + "parents)", "", sql};
            }
            return new String[] {sql, "", sql};
        }
        boolean collection = trigger == LoadTrigger.LAZY_COLLECTION || trigger != LoadTrigger.TO_ONE_PROXY
                && !facts.tables().isEmpty() && isCollectionLoad(facts, mappings);
        Optional<EntityMappings.Association> mapped = keyColumn(facts)
                .flatMap(k -> table(facts).flatMap(t -> mappings.loadedBy(t, k, collection)
                        .or(() -> mappings.loadedBy(t, k, !collection))));
        List<EntityMappings.Association> all = mapped.map(a -> mappings.candidates(a.table(), a.keyColumn(),
                a.collection())).orElse(List.of());
        String association = all.size() > 1
                ? all.stream().map(EntityMappings.Association::path).collect(Collectors.joining(" or "))
                : mapped.map(EntityMappings.Association::path).orElseGet(() -> table(facts).map(t -> t + keyColumn(facts).map(k -> "." + k).orElse("")).orElse(""));
        String name = all.size() > 1 ? "a lazy " + all.get(0).target() + " (" + association + ")"
                : mapped.map(a -> a.path()).orElse("the association on " + (association.isEmpty()
                ? "this table" : association));
        String alias = all.size() > 1 ? "the association" : mapped.map(a -> a.entity().substring(0, 1).toLowerCase(java.util.Locale.ROOT) + "."
                + a.attribute()).orElse("the association");
        String graph = mapped.map(a -> "@EntityGraph(attributePaths = \"" + a.attribute() + "\")")
                .orElse("an @EntityGraph");
        String advice;
        if (batched || trigger == LoadTrigger.BATCH_LOADER) {
            advice = "batch fetching loads " + name + " in " + executions + " round trips of " + keysText(keys)
                    + ": expected with @BatchSize / hibernate.default_batch_fetch_size; to load it in one query, "
                    + "JOIN FETCH " + alias + " or " + graph + " in the query that loaded the parents";
        } else if (trigger == LoadTrigger.EAGER_FOLLOW_UP || mapped.map(EntityMappings.Association::eager)
                .orElse(false)) {
            String why = mapped.map(a -> a.collection() ? "" : " (JPA's default for to-one)").orElse("");
            advice = name + " is EAGER" + why + " and the query that loaded the parents did not fetch it, so it is selected for "
                    + "each of them: map it FetchType.LAZY and JOIN FETCH " + alias + " (or " + graph
                    + ") where it is needed";
        } else {
            advice = name + (trigger == LoadTrigger.TO_ONE_PROXY ? " (a lazy proxy) is initialised" : " is loaded")
                    + " once per parent: JOIN FETCH " + alias + " or " + graph + " in the query that loaded the "
                    + "parents, or batch it with @BatchSize(size = 50)" + mapped.map(a -> " on "
                    + (a.collection() ? a.path() : "the " + a.target() + " entity")).orElse("") + " or hibernate.default_batch_fetch_size";
        }
        return new String[] {advice, association, sql};
    }

    /** Advice for a statement repeated with the same parameters. */
    static String repeated(LoadTrigger trigger) {
        if (trigger == LoadTrigger.APPLICATION) {
            return "keep the first result instead of asking again (or cache it)";
        }
        return "the same ORM query ran again with the same parameters in one unit of work: keep the first result, "
                + "load by id with find()/getReference() (the persistence context answers without SQL), or cache it "
                + "(Hibernate's query cache with org.hibernate.cacheable)";
    }

    private static boolean isCollectionLoad(SqlFacts facts, EntityMappings mappings) {
        Optional<String> key = keyColumn(facts);
        Optional<String> table = table(facts);
        return key.isPresent() && table.isPresent() && mappings.loadedBy(table.get(), key.get(), true).isPresent();
    }

    private static Optional<String> keyColumn(SqlFacts facts) {
        String sql = facts.fingerprint();
        int where = sql.indexOf(" where ");
        if (where < 0) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(sql);
        return m.find(where) ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The first table after FROM: the one a load reads (joined tables come after it). */
    private static Optional<String> table(SqlFacts facts) {
        Matcher m = FROM.matcher(facts.fingerprint());
        return m.find() ? Optional.of(m.group(1)) : facts.tables().stream().findFirst();
    }

    private static String keysText(int keys) {
        return keys > 0 ? "about " + keys + " keys" : "several keys";
    }
}
