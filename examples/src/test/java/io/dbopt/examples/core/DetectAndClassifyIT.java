package io.dbopt.examples.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;

@DbTest
class DetectAndClassifyIT {

    @DialectTest
    void detectsTheServerQuotesTheNameAndClassifiesTheDuplicate(TestDatabase db) throws Exception {
        DetectAndClassify.Result result = DetectAndClassify.run(db.dataSource());
        assertThat(result.server()).startsWith(db.testDialect() == TestDialect.POSTGRESQL ? "PostgreSQL" : "MariaDB");
        assertThat(result.quotedName()).isEqualTo(db.testDialect() == TestDialect.POSTGRESQL
                ? "\"Order Items; DROP TABLE users --\"" : "`Order Items; DROP TABLE users --`");
        assertThat(result.duplicateKey()).isEqualTo(ErrorKind.UNIQUE_VIOLATION);
        assertThat(result.retryable()).isFalse();
    }
}
