package io.dbopt.pool.engine;

/**
 * A tenant's permit for one borrowed connection: given back when the connection is returned. The tenant bulkheads
 * implement it; the pool knows nothing else about tenants.
 */
public interface Permit {

    /** The tenant the connection was lent to. */
    String tenant();

    /** Gives the permit back; called once, when the connection is returned. */
    void release();
}
