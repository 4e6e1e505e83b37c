/**
 * The doctor's "Transactions" section: blocking chains, long transactions and deadlocks of the examined database,
 * plus the findings of a {@link io.dbopt.transaction.TransactionManager} or
 * {@link io.dbopt.transaction.IsolationAdvisor} attached to the doctor.
 */
package io.dbopt.transaction.doctor;
