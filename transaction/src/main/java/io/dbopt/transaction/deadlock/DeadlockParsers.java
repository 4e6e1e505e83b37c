package io.dbopt.transaction.deadlock;

import io.dbopt.transaction.DeadlockRecord;
import io.dbopt.transaction.server.ReportedSql;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads deadlock cycles from what servers print: PostgreSQL's error detail ({@code Process 1 waits for ShareLock on
 * transaction 7; blocked by process 2.}) and InnoDB's LATEST DETECTED DEADLOCK section. Only lock descriptions,
 * ids and masked statements are kept; InnoDB's hex dumps of row contents are skipped.
 */
public final class DeadlockParsers {

    private static final Pattern PG_PROCESS = Pattern.compile(
            "Process (\\d+) waits for (\\w+) on (.+?); blocked by process (\\d+)\\.");
    private static final Pattern PG_RELATION = Pattern.compile("in relation \"([^\"]+)\"");

    private static final Pattern SECTION_START = Pattern.compile("(?m)^LATEST DETECTED DEADLOCK\\s*$");
    private static final Pattern SECTION_END = Pattern.compile("(?m)^-{4,}\\s*\\n[A-Z][A-Z /]+\\s*\\n-{4,}\\s*$");
    private static final Pattern TIMESTAMP = Pattern.compile("(?m)^(\\d{4}-\\d{2}-\\d{2} \\d{1,2}:\\d{2}:\\d{2})");
    private static final Pattern TRX_HEADER = Pattern.compile("(?m)^\\*\\*\\* \\((\\d+)\\) TRANSACTION:\\s*$");
    private static final Pattern TRX_ID = Pattern.compile("(?m)^TRANSACTION (\\d+),");
    private static final Pattern THREAD = Pattern.compile("(?m)^(?:MariaDB|MySQL) thread id (\\d+),.*$");
    private static final Pattern WAITING = Pattern.compile(
            "(?m)^\\*\\*\\* (?:\\(\\d+\\) )?WAITING FOR THIS LOCK TO BE GRANTED:\\s*\\n(.+)$");
    private static final Pattern CONFLICT = Pattern.compile(
            "(?m)^\\*\\*\\* (?:CONFLICTING WITH|\\(\\d+\\) HOLDS THE LOCK\\(S\\)):\\s*\\n(.+)$");
    private static final Pattern RECORD_LOCK = Pattern.compile(
            "RECORD LOCKS .*?(index \\S+ of table \\S+) trx id (\\d+) lock[_ ]mode (.+?)(?: waiting)?$");
    private static final Pattern TABLE_LOCK = Pattern.compile(
            "TABLE LOCK (table \\S+) trx id (\\d+) lock mode (\\S+)(?: waiting)?$");
    private static final Pattern ROLLBACK = Pattern.compile("(?m)^\\*\\*\\* WE ROLL BACK TRANSACTION \\((\\d+)\\)");
    private static final DateTimeFormatter INNODB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss");

    private DeadlockParsers() {
    }

    /**
     * The cycle PostgreSQL reported to the victim, from the error message pgjdbc builds (with the server's detail).
     *
     * @param victimPid the victim's backend pid when known
     */
    public static List<DeadlockRecord.Participant> postgres(String message, Optional<String> victimPid) {
        if (message == null) {
            return List.of();
        }
        Matcher relation = PG_RELATION.matcher(message);
        String table = relation.find() ? relation.group(1) : "";
        List<DeadlockRecord.Participant> participants = new ArrayList<>();
        Matcher m = PG_PROCESS.matcher(message);
        while (m.find()) {
            String pid = m.group(1);
            boolean victim = victimPid.map(pid::equals).orElse(false);
            participants.add(new DeadlockRecord.Participant(pid, "", m.group(2), m.group(3), m.group(4),
                    victim && !table.isEmpty() ? "(updating " + table + ")" : "", victim));
        }
        return participants;
    }

    /**
     * The LATEST DETECTED DEADLOCK section of {@code SHOW ENGINE INNODB STATUS}, if the server has one.
     *
     * @param serverOffset the server's offset from UTC, to read its local timestamp
     */
    public static Optional<DeadlockRecord> innoDb(String status, ZoneOffset serverOffset,
                                                  boolean doubleQuotesAreStrings) {
        Optional<String> section = section(status);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        Matcher time = TIMESTAMP.matcher(section.get());
        Instant detectedAt;
        try {
            detectedAt = time.find() ? LocalDateTime.parse(time.group(1), INNODB_TIME).toInstant(serverOffset)
                    : Instant.EPOCH;
        } catch (DateTimeParseException e) {
            detectedAt = Instant.EPOCH;
        }
        List<DeadlockRecord.Participant> participants = participants(section.get(), doubleQuotesAreStrings);
        return participants.isEmpty() ? Optional.empty() : Optional.of(new DeadlockRecord(detectedAt,
                DeadlockRecord.Source.SERVER, Optional.empty(), participants));
    }

    /** The text between the LATEST DETECTED DEADLOCK header and the next section header. */
    private static Optional<String> section(String status) {
        if (status == null) {
            return Optional.empty();
        }
        Matcher start = SECTION_START.matcher(status);
        if (!start.find()) {
            return Optional.empty();
        }
        String rest = status.substring(start.end());
        Matcher end = SECTION_END.matcher(rest);
        return Optional.of(end.find() ? rest.substring(0, end.start()) : rest);
    }

    private static List<DeadlockRecord.Participant> participants(String section, boolean doubleQuotesAreStrings) {
        Matcher rollback = ROLLBACK.matcher(section);
        String victimNumber = rollback.find() ? rollback.group(1) : "";
        List<int[]> bounds = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        Matcher header = TRX_HEADER.matcher(section);
        while (header.find()) {
            bounds.add(new int[] {header.start(), header.end()});
            numbers.add(header.group(1));
        }
        Map<String, String> threadByTrx = new HashMap<>();
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            int from = bounds.get(i)[1];
            int to = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : rollbackStart(section);
            Parsed p = parseBlock(numbers.get(i), section.substring(from, Math.max(from, to)), doubleQuotesAreStrings);
            threadByTrx.put(p.trxId, p.thread);
            parsed.add(p);
        }
        List<DeadlockRecord.Participant> participants = new ArrayList<>();
        for (Parsed p : parsed) {
            participants.add(new DeadlockRecord.Participant(p.thread, p.trxId, p.lockMode, p.lockObject,
                    threadByTrx.getOrDefault(p.holderTrx, ""), p.query, p.number.equals(victimNumber)));
        }
        return participants;
    }

    private static int rollbackStart(String section) {
        Matcher m = ROLLBACK.matcher(section);
        return m.find() ? m.start() : section.length();
    }

    private static Parsed parseBlock(String number, String block, boolean doubleQuotesAreStrings) {
        Matcher trx = TRX_ID.matcher(block);
        String trxId = trx.find() ? trx.group(1) : "";
        Matcher thread = THREAD.matcher(block);
        String threadId = "";
        String query = "";
        if (thread.find()) {
            threadId = thread.group(1);
            int queryStart = thread.end() + 1;
            int found = block.indexOf("\n*** ", thread.end());
            int queryEnd = found < 0 ? block.length() : found;
            // no statement line when the session sits between statements: the thread line runs into "*** "
            if (queryStart < queryEnd) {
                query = ReportedSql.mask(block.substring(queryStart, queryEnd), doubleQuotesAreStrings);
            }
        }
        String lockMode = "";
        String lockObject = "";
        Matcher waiting = WAITING.matcher(block);
        if (waiting.find()) {
            String[] lock = lock(waiting.group(1).strip());
            lockObject = lock[0];
            lockMode = lock[2];
        }
        String holder = "";
        Matcher conflict = CONFLICT.matcher(block);
        if (conflict.find()) {
            holder = lock(conflict.group(1).strip())[1];
        }
        return new Parsed(number, trxId, threadId, lockMode, lockObject, holder, query);
    }

    /** {object, trx id, mode} of an InnoDB lock line. */
    private static String[] lock(String line) {
        Matcher record = RECORD_LOCK.matcher(line);
        if (record.find()) {
            return new String[] {record.group(1), record.group(2), record.group(3).strip()};
        }
        Matcher table = TABLE_LOCK.matcher(line);
        if (table.find()) {
            return new String[] {table.group(1), table.group(2), table.group(3).strip()};
        }
        return new String[] {"", "", ""};
    }

    private record Parsed(String number, String trxId, String thread, String lockMode, String lockObject,
                          String holderTrx, String query) {
    }
}
