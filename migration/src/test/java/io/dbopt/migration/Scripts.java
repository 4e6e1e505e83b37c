package io.dbopt.migration;

import io.dbopt.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Writes migration scripts into a folder for a test and builds frameworks over them. */
final class Scripts {

    private Scripts() {
    }

    /** Writes {@code name -> text} pairs into {@code dir/set}; returns the set's folder. */
    static Path write(Path dir, String set, String... nameAndText) {
        Path folder = dir.resolve(set);
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < nameAndText.length; i += 2) {
                Files.writeString(folder.resolve(nameAndText[i]), nameAndText[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** A one-set framework over a folder, with a short lock timeout. */
    static MigrationFramework single(TestDatabase db, String set, Path folder, Duration lockTimeout) {
        return MigrationFramework.configure().dataSource(db.dataSource())
                .set(MigrationSet.builder(set).location("filesystem:" + folder).build())
                .lockTimeout(lockTimeout).lockWait(Duration.ofSeconds(60)).load();
    }
}
