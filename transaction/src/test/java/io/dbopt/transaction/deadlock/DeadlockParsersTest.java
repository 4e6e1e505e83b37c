package io.dbopt.transaction.deadlock;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.transaction.DeadlockRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadlockParsersTest {

    /** Captured from MariaDB 10.11 (SHOW ENGINE INNODB STATUS), shortened. */
    private static final String MARIADB_STATUS = """
            =====================================
            2026-11-22 23:24:50 0x7f2680 INNODB MONITOR OUTPUT
            =====================================
            ------------------------
            LATEST DETECTED DEADLOCK
            ------------------------
            2026-11-22 23:24:47 0x7f268027a6c0
            *** (1) TRANSACTION:
            TRANSACTION 2976, ACTIVE 1 sec starting index read
            mysql tables in use 1, locked 1
            LOCK WAIT 3 lock struct(s), heap size 1128, 2 row lock(s), undo log entries 1
            MariaDB thread id 172, OS thread handle 139803335567040, query id 2185 127.0.0.1 root Updating
            UPDATE items SET qty=qty+10 WHERE id=1 AND note = 'secret'
            *** WAITING FOR THIS LOCK TO BE GRANTED:
            RECORD LOCKS space id 311 page no 3 n bits 320 index PRIMARY of table `shop`.`items` trx id 2976 lock_mode X locks rec but not gap waiting
            Record lock, heap no 2 PHYSICAL RECORD: n_fields 4; compact format; info bits 0
             0: len 4; hex 80000001; asc     ;;

            *** CONFLICTING WITH:
            RECORD LOCKS space id 311 page no 3 n bits 320 index PRIMARY of table `shop`.`items` trx id 2975 lock_mode X locks rec but not gap
            Record lock, heap no 2 PHYSICAL RECORD: n_fields 4; compact format; info bits 0
             0: len 4; hex 80000001; asc     ;;

            *** (2) TRANSACTION:
            TRANSACTION 2975, ACTIVE 1 sec starting index read
            mysql tables in use 1, locked 1
            LOCK WAIT 3 lock struct(s), heap size 1128, 2 row lock(s), undo log entries 1
            MariaDB thread id 171, OS thread handle 139803335259840, query id 2184 127.0.0.1 root Updating
            UPDATE items SET qty=qty+1 WHERE id=2
            *** WAITING FOR THIS LOCK TO BE GRANTED:
            RECORD LOCKS space id 311 page no 3 n bits 320 index PRIMARY of table `shop`.`items` trx id 2975 lock_mode X locks rec but not gap waiting
            Record lock, heap no 3 PHYSICAL RECORD: n_fields 4; compact format; info bits 0

            *** CONFLICTING WITH:
            RECORD LOCKS space id 311 page no 3 n bits 320 index PRIMARY of table `shop`.`items` trx id 2976 lock_mode X locks rec but not gap
            Record lock, heap no 3 PHYSICAL RECORD: n_fields 4; compact format; info bits 0

            *** WE ROLL BACK TRANSACTION (1)
            ------------
            TRANSACTIONS
            ------------
            Trx id counter 2990
            """;

    /** The MySQL 8 layout: "HOLDS THE LOCK(S)" and numbered waiting headers, a table lock. */
    private static final String MYSQL_STATUS = """
            ------------------------
            LATEST DETECTED DEADLOCK
            ------------------------
            2024-03-01 08:00:00 140000000000
            *** (1) TRANSACTION:
            TRANSACTION 10, ACTIVE 0 sec inserting
            MySQL thread id 5, OS thread handle 1, query id 9 localhost app update
            INSERT INTO audit VALUES (1, "x")
            *** (1) HOLDS THE LOCK(S):
            TABLE LOCK table `shop`.`audit` trx id 10 lock mode IX
            *** (1) WAITING FOR THIS LOCK TO BE GRANTED:
            TABLE LOCK table `shop`.`audit` trx id 10 lock mode X waiting
            *** (2) TRANSACTION:
            TRANSACTION 11, ACTIVE 0 sec inserting
            MySQL thread id 6, OS thread handle 2, query id 10 localhost app update
            INSERT INTO audit VALUES (2, "y")
            *** (2) HOLDS THE LOCK(S):
            TABLE LOCK table `shop`.`audit` trx id 11 lock mode IX
            *** (2) WAITING FOR THIS LOCK TO BE GRANTED:
            TABLE LOCK table `shop`.`audit` trx id 11 lock mode X waiting
            *** WE ROLL BACK TRANSACTION (2)
            ------------
            TRANSACTIONS
            ------------
            """;

    @Test
    void readsTheLatestInnoDbDeadlockWithoutRowContentsOrLiterals() {
        DeadlockRecord record = DeadlockParsers.innoDb(MARIADB_STATUS, ZoneOffset.ofHours(1), true).orElseThrow();
        assertThat(record.detectedAt()).isEqualTo(Instant.parse("2026-11-22T22:24:47Z"));
        assertThat(record.source()).isEqualTo(DeadlockRecord.Source.SERVER);
        assertThat(record.participants()).hasSize(2);
        DeadlockRecord.Participant first = record.participants().get(0);
        assertThat(first.sessionId()).isEqualTo("172");
        assertThat(first.transactionId()).isEqualTo("2976");
        assertThat(first.lockMode()).isEqualTo("X locks rec but not gap");
        assertThat(first.lockObject()).isEqualTo("index PRIMARY of table `shop`.`items`");
        assertThat(first.blockedBy()).isEqualTo("171");
        assertThat(first.query()).isEqualTo("UPDATE items SET qty=qty+? WHERE id=? AND note = ?");
        assertThat(first.victim()).isTrue();
        assertThat(record.participants().get(1).victim()).isFalse();
        assertThat(record.participants().get(1).blockedBy()).isEqualTo("172");
        assertThat(record.summary()).contains("172 waits for X locks rec but not gap").endsWith("victim 172");
        assertThat(record.toString()).doesNotContain("secret").doesNotContain("80000001");
    }

    @Test
    void readsTheMySqlLayoutToo() {
        DeadlockRecord record = DeadlockParsers.innoDb(MYSQL_STATUS, ZoneOffset.UTC, true).orElseThrow();
        assertThat(record.participants()).extracting(DeadlockRecord.Participant::sessionId).containsExactly("5", "6");
        assertThat(record.participants().get(0).lockObject()).isEqualTo("table `shop`.`audit`");
        assertThat(record.participants().get(0).lockMode()).isEqualTo("X");
        assertThat(record.participants().get(0).query()).isEqualTo("INSERT INTO audit VALUES (?, ?)");
        assertThat(record.victim()).map(DeadlockRecord.Participant::sessionId).contains("6");
    }

    @Test
    void aSessionBetweenStatementsHasNoQueryLineAndStillParses() {
        String between = MARIADB_STATUS.replace("""
                MariaDB thread id 172, OS thread handle 139803335567040, query id 2185 127.0.0.1 root Updating
                UPDATE items SET qty=qty+10 WHERE id=1 AND note = 'secret'
                """, """
                MariaDB thread id 172, OS thread handle 139803335567040, query id 2185 127.0.0.1 root
                """);
        assertThat(between).doesNotContain("secret");

        DeadlockRecord record = DeadlockParsers.innoDb(between, java.time.ZoneOffset.UTC, false).orElseThrow();

        assertThat(record.participants()).extracting(DeadlockRecord.Participant::sessionId).containsExactly("172", "171");
        assertThat(record.participants().get(0).query()).isEmpty();
        assertThat(record.participants().get(1).query()).startsWith("UPDATE items");
    }

    @Test
    void noDeadlockSectionMeansNoRecord() {
        assertThat(DeadlockParsers.innoDb("=====\nTRANSACTIONS\n", ZoneOffset.UTC, true)).isEmpty();
        assertThat(DeadlockParsers.innoDb(null, ZoneOffset.UTC, true)).isEmpty();
    }

    @Test
    void readsThePostgresCycleFromTheVictimsError() {
        String message = """
                ERROR: deadlock detected
                  Detail: Process 4242 waits for ShareLock on transaction 1234; blocked by process 4243.
                Process 4243 waits for ShareLock on transaction 1235; blocked by process 4242.
                  Hint: See server log for query details.
                  Where: while updating tuple (0,2) in relation "account\"""";
        List<DeadlockRecord.Participant> participants = DeadlockParsers.postgres(message, Optional.of("4242"));
        assertThat(participants).hasSize(2);
        assertThat(participants.get(0)).isEqualTo(new DeadlockRecord.Participant("4242", "", "ShareLock",
                "transaction 1234", "4243", "(updating account)", true));
        assertThat(participants.get(1).victim()).isFalse();
        assertThat(DeadlockParsers.postgres("ERROR: deadlock detected", Optional.empty())).isEmpty();
    }
}
