-- The isolation level new transactions of new sessions get when they do not set one.
SELECT @@global.tx_isolation
