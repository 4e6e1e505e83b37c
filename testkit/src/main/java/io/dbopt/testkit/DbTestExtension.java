package io.dbopt.testkit;

import io.dbopt.core.Dialect;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link DbTest} and {@link DialectTest}: one throwaway database per test class and
 * dialect, kept in the class's extension store and dropped when the class finishes.
 */
public final class DbTestExtension implements TestTemplateInvocationContextProvider, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DbTestExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(DialectTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Set<TestDialect> enabled = TestDialect.enabled();
        List<TestTemplateInvocationContext> runs = new ArrayList<>();
        for (TestDialect dialect : dialectsFor(method, context)) {
            if (enabled.contains(dialect)) {
                runs.add(new DialectInvocation(dialect));
            }
        }
        return runs.stream();
    }

    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return true; // every dialect of the method was narrowed out explicitly
    }

    private static List<TestDialect> dialectsFor(Method method, ExtensionContext context) {
        TestDialect[] onMethod = method.getAnnotation(DialectTest.class).value();
        if (onMethod.length > 0) {
            return Arrays.asList(onMethod);
        }
        return Arrays.asList(classDialects(context));
    }

    private static TestDialect[] classDialects(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        while (type != null) {
            DbTest db = type.getAnnotation(DbTest.class);
            if (db != null) {
                return db.value();
            }
            type = type.getEnclosingClass();
        }
        return TestDialect.values();
    }

    // Parameters of plain @Test and lifecycle methods: the class must name one dialect, or the parameter uses @On.

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        boolean inDialectTest = extensionContext.getTestMethod()
                .map(m -> m.isAnnotationPresent(DialectTest.class)).orElse(false);
        // inside a @DialectTest run the invocation's own resolver answers, unless @On picks a dialect
        return isInjectable(parameterContext.getParameter().getType())
                && (!inDialectTest || parameterContext.isAnnotated(On.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Optional<On> on = parameterContext.findAnnotation(On.class);
        TestDialect dialect;
        if (on.isPresent()) {
            dialect = on.get().value();
        } else {
            TestDialect[] declared = classDialects(extensionContext);
            if (declared.length != 1) {
                throw new ParameterResolutionException("Cannot tell which database to inject into "
                        + parameterContext.getDeclaringExecutable().getName() + ": use @DialectTest to run once per "
                        + "dialect, annotate the parameter with @On(...), or name one dialect in @DbTest");
            }
            dialect = declared[0];
        }
        if (!TestDialect.enabled().contains(dialect)) {
            throw new ParameterResolutionException(dialect.id() + " is excluded by -D" + TestDialect.DIALECTS_PROPERTY
                    + " but " + parameterContext.getDeclaringExecutable().getName() + " needs it");
        }
        return resolve(parameterContext.getParameter().getType(), dialect, extensionContext);
    }

    static boolean isInjectable(Class<?> type) {
        return type == TestDatabase.class || type == DataSource.class || type == Dialect.class
                || type == TestDialect.class;
    }

    static Object resolve(Class<?> type, TestDialect dialect, ExtensionContext context) {
        if (type == TestDialect.class) {
            return dialect;
        }
        TestDatabase db = database(dialect, context);
        if (type == TestDatabase.class) {
            return db;
        }
        if (type == DataSource.class) {
            return db.dataSource();
        }
        return db.dialect();
    }

    /** The class-level database for a dialect, created on first use and closed with the class's store. */
    static TestDatabase database(TestDialect dialect, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(dialect,
                d -> TestDatabases.create(dialect, testClass.getSimpleName()), TestDatabase.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** One run of a {@link DialectTest} method. */
    private static final class DialectInvocation implements TestTemplateInvocationContext {
        private final TestDialect dialect;

        DialectInvocation(TestDialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + dialect.id() + "]";
        }

        @Override
        public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
            return List.of(new ParameterResolver() {
                @Override
                public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                    return isInjectable(p.getParameter().getType()) && !p.isAnnotated(On.class);
                }

                @Override
                public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                    return resolve(p.getParameter().getType(), dialect, e);
                }
            });
        }
    }
}
