package io.dbopt.core;

import java.util.Set;

/**
 * Words a server will not read as a bare identifier. PostgreSQL's list is every keyword that is not unreserved in
 * {@code pg_get_keywords()} (what {@code quote_ident} quotes); MariaDB's is the union of MariaDB's and MySQL 8's
 * reserved words, so a name quoted for one is safe on the other. A word missing here would leave a name bare that
 * the server then rejects, so the lists err on the side of quoting; tests compare them with the live servers.
 */
final class ReservedWords {

    static final Set<String> POSTGRESQL = words("""
            all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean
            both case cast char character check coalesce collate collation column concurrently constraint
            create cross current_catalog current_date current_role current_schema current_time
            current_timestamp current_user dec decimal default deferrable desc distinct do else end except
            exists extract false fetch float for foreign freeze from full grant greatest group grouping having
            ilike in initially inner inout int integer intersect interval into is isnull join json json_array
            json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize
            json_table json_value lateral leading least left like limit localtime localtimestamp merge_action
            national natural nchar none normalize not notnull null nullif numeric offset on only or order out
            outer overlaps overlay placing position precision primary real references returning right row
            select session_user setof similar smallint some substring symmetric system_user table tablesample
            then time timestamp to trailing treat trim true union unique user using values varchar variadic
            verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces
            xmlparse xmlpi xmlroot xmlserialize xmltable
            """);

    static final Set<String> MARIADB = words("""
            accessible add all alter analyze and as asc asensitive before between bigint binary blob body both
            by call cascade case change char character check collate column condition constraint continue
            convert create cross cube cume_dist current_date current_role current_time current_timestamp
            current_user cursor database databases day_hour day_microsecond day_minute day_second dec decimal
            declare default delayed delete delete_domain_id dense_rank desc describe deterministic distinct
            distinctrow div do_domain_ids double drop dual each else elseif elsif empty enclosed escaped except
            exists exit explain false fetch first_value float float4 float8 for force foreign from fulltext
            function general generated get goto grant group grouping groups having high_priority
            hour_microsecond hour_minute hour_second if ignore ignore_domain_ids ignore_server_ids in index
            infile inner inout insensitive insert int int1 int2 int3 int4 int8 integer intersect interval into
            io_after_gtids io_before_gtids is iterate join json_table key keys kill lag last_value lateral lead
            leading leave left like limit linear lines load localtime localtimestamp lock long longblob
            longtext loop low_priority master_bind master_demote_to_replica master_demote_to_slave master_heartbeat_period master_ssl_verify_server_cert match
            maxvalue mediumblob mediumint mediumtext middleint minute_microsecond minute_second mod modifies
            natural no_write_to_binlog not nth_value ntile null numeric of offset on optimize optimizer_costs
            option optionally or order out outer outfile over page_checksum parse_vcol_expr partition
            percent_rank portion position precision primary procedure purge range rank read read_write reads real
            recursive ref_system_id references regexp release rename repeat replace require resignal restrict
            return returning revoke right rlike row row_number rows schema schemas second_microsecond select
            sensitive separator set show signal slow smallint spatial specific sql sql_big_result
            sql_calc_found_rows sql_small_result sqlexception sqlstate sqlwarning ssl starting
            stats_auto_recalc stats_persistent stats_sample_pages stored straight_join system table terminated
            then tinyblob tinyint tinytext to trailing trigger true undo union unique unlock unsigned update
            usage use using utc_date utc_time utc_timestamp values varbinary varchar varcharacter varying
            virtual when where while window with write xor year_month zerofill
            """);

    private ReservedWords() {
    }

    private static Set<String> words(String text) {
        return Set.of(text.trim().split("\\s+"));
    }
}
