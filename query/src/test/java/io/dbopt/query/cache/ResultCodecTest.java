package io.dbopt.query.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.DbOptException;
import io.dbopt.query.QueryErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResultCodecTest {

    @Test
    void roundTripsEverySupportedTypeUnchanged() {
        List<Object> row = Arrays.asList(null, true, 42L, 1.5d, new BigDecimal("12.30"), "text", new byte[] {1, 2},
                LocalDate.of(2024, 1, 2), LocalTime.of(3, 4, 5), LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                OffsetDateTime.parse("2024-01-02T03:04:05+02:00"), UUID.fromString("00000000-0000-0000-0000-000000000001"));
        List<String> columns = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
        QueryResult result = new QueryResult(columns, List.of(row));
        ResultCodec.SharedEntry back = ResultCodec.decode(ResultCodec.encode(result, Map.of("t", 3L)));
        assertThat(back.generations()).containsEntry("t", 3L);
        List<Object> values = back.result().rows().get(0);
        for (int i = 0; i < row.size(); i++) {
            if (row.get(i) instanceof byte[] bytes) {
                assertThat((byte[]) values.get(i)).isEqualTo(bytes);
            } else {
                assertThat(values.get(i)).isEqualTo(row.get(i));
            }
        }
    }

    @Test
    void normalisesJdbcValuesIntoTheSupportedTypes() {
        assertThat(ResultCodec.normalise(7)).isEqualTo(7L);
        assertThat(ResultCodec.normalise((short) 7)).isEqualTo(7L);
        assertThat(ResultCodec.normalise(1.5f)).isEqualTo(1.5d);
        assertThat(ResultCodec.normalise(java.sql.Date.valueOf("2024-01-02"))).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(ResultCodec.normalise(new StringBuilder("json"))).isEqualTo("json");
    }

    @Test
    void refusesAnythingButItsOwnTypedJson() throws Exception {
        ByteArrayOutputStream java = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(java)) {
            out.writeObject(new java.util.ArrayList<>(List.of("gadget")));
        }
        for (String hostile : List.of(new String(java.toByteArray(), StandardCharsets.ISO_8859_1),
                "{\"format\":1,\"columns\":[\"a\"],\"rows\":[[[\"java.lang.Runtime\",\"x\"]]]}",
                "{\"format\":1,\"columns\":[\"a\"],\"rows\":[[{\"@class\":\"java.net.URL\"}]]}",
                "{\"format\":99}")) {
            assertThatThrownBy(() -> ResultCodec.decode(hostile)).isInstanceOfSatisfying(DbOptException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(QueryErrorCode.CACHE_SERIALIZATION_FAILED));
        }
    }

    @Test
    void keysDependOnTextAndParameters() {
        assertThat(ResultCodec.key("SELECT 1", List.of(1))).isEqualTo(ResultCodec.key("SELECT 1", List.of(1L)))
                .isNotEqualTo(ResultCodec.key("SELECT 1", List.of(2)))
                .isNotEqualTo(ResultCodec.key("SELECT 1", List.of("1")))
                .hasSize(64);
    }
}
