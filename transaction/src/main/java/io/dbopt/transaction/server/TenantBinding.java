package io.dbopt.transaction.server;

/**
 * Where the tenant goes on each server, validated: a custom setting name with a prefix on PostgreSQL, a plain user
 * variable name on MariaDB.
 *
 * @param postgresSetting the custom setting for PostgreSQL, e.g. {@code app.tenant_id}
 * @param mariaDbVariable the user variable (without {@code @}) for MariaDB, e.g. {@code app_tenant_id}
 */
public record TenantBinding(String postgresSetting, String mariaDbVariable) {
    static final java.util.regex.Pattern SETTING = java.util.regex.Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_.]*");
    static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** The defaults: {@code app.tenant_id} and {@code @app_tenant_id}. */
    public static final TenantBinding DEFAULT = new TenantBinding("app.tenant_id", "app_tenant_id");

    /** Validates both names. */
    public TenantBinding {
        if (postgresSetting == null || !SETTING.matcher(postgresSetting).matches()
                || postgresSetting.length() > 63) {
            throw new IllegalArgumentException("PostgreSQL tenant setting '" + postgresSetting + "' must be a "
                    + "custom setting name with a prefix, such as app.tenant_id");
        }
        if (mariaDbVariable == null || !VARIABLE.matcher(mariaDbVariable).matches()
                || mariaDbVariable.startsWith("dbopt_")) {
            throw new IllegalArgumentException("MariaDB tenant variable '" + mariaDbVariable + "' must be a "
                    + "plain name of letters, digits and underscores (used as @name), not starting with dbopt_");
        }
    }
}
