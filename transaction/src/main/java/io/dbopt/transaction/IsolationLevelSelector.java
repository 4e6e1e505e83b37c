package io.dbopt.transaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The isolation policy: which level each transaction runs at, decided by rules that can be read in one place
 * ({@link #describe()}).
 *
 * <pre>{@code
 * IsolationLevelSelector policy = IsolationLevelSelector.builder()
 *         .defaultIsolation(Isolation.READ_COMMITTED)
 *         .forName("transfer", Isolation.SERIALIZABLE)        // money moves: no anomalies, retried on conflict
 *         .forTag("reporting", Isolation.REPEATABLE_READ)     // one consistent snapshot per report
 *         .readOnly(Isolation.REPEATABLE_READ)
 *         .build();
 * }</pre>
 *
 * Precedence, first match wins: an explicit {@link TransactionOptions#isolation(Isolation)}; a rule for the
 * transaction's name; a rule for one of its tags (in the order the rules were declared); a rule for its tenant; the
 * read-only rule for read-only transactions; the default (READ COMMITTED unless changed). Immutable and thread-safe.
 */
public final class IsolationLevelSelector {

    private static final IsolationLevelSelector DEFAULTS = builder().build();

    private final Isolation defaultIsolation;
    private final Isolation readOnlyIsolation;
    private final Map<String, Isolation> byName;
    private final Map<String, Isolation> byTag;
    private final Map<String, Isolation> byTenant;

    private IsolationLevelSelector(Builder b) {
        this.defaultIsolation = b.defaultIsolation;
        this.readOnlyIsolation = b.readOnlyIsolation;
        this.byName = Map.copyOf(b.byName);
        this.byTag = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.byTag));
        this.byTenant = Map.copyOf(b.byTenant);
    }

    /** READ COMMITTED for every transaction that does not name a level. */
    public static IsolationLevelSelector defaults() {
        return DEFAULTS;
    }

    /** Starts a policy. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Chooses the level for a transaction.
     *
     * @param options the transaction's options
     * @param tenant the tenant it runs as, if any
     */
    public Selection select(TransactionOptions options, Optional<String> tenant) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(tenant, "tenant");
        if (options.isolation().isPresent()) {
            return new Selection(options.isolation().get(), "set on the transaction");
        }
        Isolation named = byName.get(options.name());
        if (named != null) {
            return new Selection(named, "rule for name " + options.name());
        }
        for (Map.Entry<String, Isolation> rule : byTag.entrySet()) {
            if (options.tags().contains(rule.getKey())) {
                return new Selection(rule.getValue(), "rule for tag " + rule.getKey());
            }
        }
        if (tenant.isPresent() && byTenant.containsKey(tenant.get())) {
            return new Selection(byTenant.get(tenant.get()), "rule for the tenant");
        }
        if (options.isReadOnly() && readOnlyIsolation != null) {
            return new Selection(readOnlyIsolation, "rule for read-only transactions");
        }
        return new Selection(defaultIsolation, "default");
    }

    /** The policy as lines a person can read, in precedence order. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("explicit TransactionOptions.isolation(...) wins");
        byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add("name " + e.getKey() + " -> " + e.getValue()));
        byTag.forEach((tag, level) -> lines.add("tag " + tag + " -> " + level));
        if (!byTenant.isEmpty()) {
            lines.add(byTenant.size() + " tenant rule(s): " + String.join(", ", byTenant.values().stream()
                    .map(Isolation::name).distinct().sorted().toList()));
        }
        if (readOnlyIsolation != null) {
            lines.add("read-only -> " + readOnlyIsolation);
        }
        lines.add("otherwise -> " + defaultIsolation);
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return "IsolationLevelSelector" + describe();
    }

    /**
     * The chosen level and why.
     *
     * @param isolation the level
     * @param reason which rule chose it, e.g. {@code "rule for name transfer"}
     */
    public record Selection(Isolation isolation, String reason) {
        /** Validates. */
        public Selection {
            Objects.requireNonNull(isolation, "isolation");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Configures an {@link IsolationLevelSelector}; not thread-safe, {@link #build()} leaves it unchanged. */
    public static final class Builder {
        private Isolation defaultIsolation = Isolation.READ_COMMITTED;
        private Isolation readOnlyIsolation;
        private final Map<String, Isolation> byName = new LinkedHashMap<>();
        private final Map<String, Isolation> byTag = new LinkedHashMap<>();
        private final Map<String, Isolation> byTenant = new LinkedHashMap<>();

        private Builder() {
        }

        /** The level of transactions no rule matches; READ COMMITTED unless set. */
        public Builder defaultIsolation(Isolation value) {
            this.defaultIsolation = Objects.requireNonNull(value, "defaultIsolation");
            return this;
        }

        /** The level of read-only transactions no name, tag or tenant rule matches. */
        public Builder readOnly(Isolation value) {
            this.readOnlyIsolation = Objects.requireNonNull(value, "readOnly isolation");
            return this;
        }

        /**
         * The level of transactions with this name.
         *
         * @throws IllegalArgumentException when the name already has a rule
         */
        public Builder forName(String name, Isolation value) {
            String valid = TransactionOptions.named(name).name();
            put(byName, valid, value, "name");
            return this;
        }

        /**
         * The level of transactions carrying this tag; earlier tag rules win over later ones.
         *
         * @throws IllegalArgumentException when the tag already has a rule
         */
        public Builder forTag(String tag, Isolation value) {
            String valid = TransactionOptions.defaults().tag(tag).tags().iterator().next();
            put(byTag, valid, value, "tag");
            return this;
        }

        /**
         * The level of transactions of this tenant.
         *
         * @throws IllegalArgumentException when the tenant already has a rule
         */
        public Builder forTenant(String tenant, Isolation value) {
            put(byTenant, TenantContext.validate(tenant), value, "tenant");
            return this;
        }

        private static void put(Map<String, Isolation> rules, String key, Isolation value, String what) {
            Objects.requireNonNull(value, "isolation");
            if (rules.containsKey(key)) {
                throw new IllegalArgumentException("The " + what + " " + (what.equals("tenant") ? "" : key + " ")
                        + "already has a rule (" + rules.get(key) + "): declare each " + what + " once");
            }
            rules.put(key, value);
        }

        /** Builds the policy. */
        public IsolationLevelSelector build() {
            return new IsolationLevelSelector(this);
        }
    }
}
