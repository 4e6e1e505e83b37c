package io.dbopt.query.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry's two front levels: the near front keyed by a few characters must never confuse two texts. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ShapeRegistryTest {

    @Test
    void textsSharingTheSampledHashKeepTheirOwnShapes() {
        // same length, same sampled characters (the differing one sits between samples): one near slot for both
        String a = "select name from customer where id = ? and region_a = ? and status = ? order by name";
        String b = a.replace("region_a", "region_b");
        assertThat(ShapeRegistry.sampledHash(a)).isEqualTo(ShapeRegistry.sampledHash(b));
        ShapeRegistry registry = new ShapeRegistry(100);
        for (int i = 0; i < 3; i++) {
            assertThat(registry.shape(new String(a)).facts().fingerprint()).contains("region_a");
            assertThat(registry.shape(new String(b)).facts().fingerprint()).contains("region_b");
        }
        assertThat(registry.size()).isEqualTo(2);
    }

    @Test
    void aTextRenderedAnewFindsTheShapeOfTheFirstCopy() {
        ShapeRegistry registry = new ShapeRegistry(1_000); // room for all 200 fingerprints: nothing is evicted
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < 200; t++) {
            texts.add("select r1_0.id, r1_0.amount from rental_" + t + " r1_0 where r1_0.customer_id = ?");
        }
        Map<String, Shape> first = new HashMap<>();
        for (String text : texts) {
            first.put(text, registry.shape(text));
        }
        for (String text : texts) {
            Shape again = registry.shape(new StringBuilder(text).toString()); // equal text, new instance
            assertThat(again).isSameAs(first.get(text));
            assertThat(registry.shape(text)).isSameAs(first.get(text)); // the very instance seen first
        }
    }

    @Test
    void theSameInstanceLevelNeverAnswersAnotherTextOfTheSameLength() {
        ShapeRegistry registry = new ShapeRegistry(100);
        String a = "select a from t where id = ?";
        String b = "select b from t where id = ?";
        for (int i = 0; i < 3; i++) {
            assertThat(registry.shape(a).facts().fingerprint()).contains("select a");
            assertThat(registry.shape(b).facts().fingerprint()).contains("select b");
        }
    }
}
