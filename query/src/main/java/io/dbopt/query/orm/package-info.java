/**
 * What dbopt knows of an ORM application's mapping ({@link io.dbopt.query.orm.EntityMappings}), read from a JPA
 * metamodel, so that N+1 advice names entity associations and JPA fixes instead of SQL.
 */
package io.dbopt.query.orm;
