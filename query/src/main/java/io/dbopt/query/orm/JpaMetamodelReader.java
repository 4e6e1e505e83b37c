package io.dbopt.query.orm;

import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.Metamodel;
import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link EntityMappings} from a JPA metamodel and the mapping annotations. Stateless. */
final class JpaMetamodelReader {

    private JpaMetamodelReader() {
    }

    static EntityMappings read(Object jpa) {
        Metamodel model;
        if (jpa instanceof Metamodel m) {
            model = m;
        } else if (jpa instanceof EntityManagerFactory emf) {
            model = emf.getMetamodel();
        } else if (jpa instanceof EntityManager em) {
            model = em.getMetamodel();
        } else {
            throw new IllegalArgumentException("cannot read entity mappings from a " + jpa.getClass().getName()
                    + ": pass an EntityManagerFactory (a Hibernate SessionFactory is one), an EntityManager or a "
                    + "Metamodel");
        }
        Map<Class<?>, EntityType<?>> entities = new HashMap<>();
        for (EntityType<?> e : model.getEntities()) {
            entities.put(e.getJavaType(), e);
        }
        List<EntityMappings.Association> found = new ArrayList<>();
        for (EntityType<?> owner : entities.values()) {
            for (Attribute<?, ?> a : owner.getAttributes()) {
                if (a.isAssociation()) {
                    association(owner, a, entities).ifPresent(found::add);
                }
            }
        }
        return new EntityMappings(found);
    }

    private static java.util.Optional<EntityMappings.Association> association(EntityType<?> owner,
            Attribute<?, ?> a, Map<Class<?>, EntityType<?>> entities) {
        Class<?> targetType = a instanceof PluralAttribute<?, ?, ?> p ? p.getElementType().getJavaType()
                : a.getJavaType();
        EntityType<?> target = entities.get(targetType);
        AnnotatedElement member = annotated(a.getJavaMember());
        if (target == null || member == null) {
            return java.util.Optional.empty();
        }
        int batch = batchSize(member);
        if (batch == 0) {
            batch = batchSize(target.getJavaType());
        }
        if (a.isCollection()) {
            OneToMany oneToMany = member.getAnnotation(OneToMany.class);
            ManyToMany manyToMany = member.getAnnotation(ManyToMany.class);
            boolean eager = oneToMany != null && oneToMany.fetch() == FetchType.EAGER
                    || manyToMany != null && manyToMany.fetch() == FetchType.EAGER;
            String key;
            if (oneToMany != null && !oneToMany.mappedBy().isEmpty()) {
                key = joinColumn(target, oneToMany.mappedBy(), owner);
            } else {
                JoinColumn jc = member.getAnnotation(JoinColumn.class);
                key = jc != null && !jc.name().isEmpty() ? jc.name() : a.getName() + "_" + idColumn(owner);
            }
            return java.util.Optional.of(new EntityMappings.Association(owner.getName(), a.getName(), target.getName(),
                    true, table(target), key, eager, batch));
        }
        ManyToOne manyToOne = member.getAnnotation(ManyToOne.class);
        OneToOne oneToOne = member.getAnnotation(OneToOne.class);
        boolean eager = manyToOne != null ? manyToOne.fetch() == FetchType.EAGER
                : oneToOne == null || oneToOne.fetch() == FetchType.EAGER;
        return java.util.Optional.of(new EntityMappings.Association(owner.getName(), a.getName(), target.getName(),
                false, table(target), idColumn(target), eager, batch));
    }

    /** The column by which the target's attribute {@code mappedBy} points back to its owner. */
    private static String joinColumn(EntityType<?> target, String mappedBy, EntityType<?> owner) {
        for (Attribute<?, ?> back : target.getAttributes()) {
            if (back.getName().equals(mappedBy)) {
                AnnotatedElement member = annotated(back.getJavaMember());
                JoinColumn jc = member == null ? null : member.getAnnotation(JoinColumn.class);
                if (jc != null && !jc.name().isEmpty()) {
                    return jc.name();
                }
            }
        }
        return mappedBy + "_" + idColumn(owner);
    }

    private static String idColumn(EntityType<?> entity) {
        for (Attribute<?, ?> a : entity.getAttributes()) {
            if (a instanceof SingularAttribute<?, ?> s && s.isId()) {
                AnnotatedElement member = annotated(a.getJavaMember());
                Column column = member == null ? null : member.getAnnotation(Column.class);
                return column != null && !column.name().isEmpty() ? column.name() : a.getName();
            }
        }
        return "id";
    }

    private static String table(EntityType<?> entity) {
        Table table = entity.getJavaType().getAnnotation(Table.class);
        return table != null && !table.name().isEmpty() ? table.name() : entity.getName();
    }

    private static AnnotatedElement annotated(Member member) {
        return member instanceof AnnotatedElement e ? e : null;
    }

    /** Hibernate's {@code @BatchSize(size)}, read by name so that Hibernate is not needed to compile. */
    private static int batchSize(AnnotatedElement element) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().getName().equals("org.hibernate.annotations.BatchSize")) {
                try {
                    return (Integer) a.annotationType().getMethod("size").invoke(a);
                } catch (ReflectiveOperationException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
