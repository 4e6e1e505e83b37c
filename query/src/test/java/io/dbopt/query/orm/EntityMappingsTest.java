package io.dbopt.query.orm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EntityMappingsTest {

    private final EntityMappings mappings = new EntityMappings(List.of(
            new EntityMappings.Association("Customer", "orderLines", "OrderLine", true, "OrderLine", "customerId",
                    false, 0),
            new EntityMappings.Association("Rental", "customer", "Customer", false, "customers", "id", false, 0),
            new EntityMappings.Association("Payment", "customer", "Customer", false, "customers", "id", false, 0)));

    @Test
    void findsAnAssociationNamedTheWaySpringBootWritesItsTables() {
        assertThat(mappings.loadedBy("order_line", "customer_id", true)).get()
                .extracting(EntityMappings.Association::path).isEqualTo("Customer.orderLines");
        assertThat(mappings.loadedBy("\"OrderLine\"", "\"customerId\"", true)).isPresent();
        assertThat(mappings.loadedBy("order_line", "customer_id", false)).isEmpty();
    }

    @Test
    void listsEveryToOneThatPointsToOneTable() {
        assertThat(mappings.candidates("public.customers", "id", false)).extracting(EntityMappings.Association::path)
                .containsExactly("Payment.customer", "Rental.customer");
    }
}
