package io.dbopt.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the forwarding layer without a database: every method of each JDBC interface is implemented by the
 * forwarding class or its trait (not left to JDBC's default), and calling it reaches the delegate once with the
 * same arguments, hands back the delegate's result and lets its exception through. The delegate is a recording
 * dynamic proxy, a test fixture only.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ForwardingLayerTest {

    /** A second interface the delegate implements, to see unwrap reach it. */
    interface Marker {
    }

    record Layer(Class<?> forwarding, Class<? extends Wrapper> jdbc, Function<Object, Wrapper> wrap) {
        @Override
        public String toString() {
            return forwarding.getSimpleName();
        }
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                new Layer(ForwardingDataSource.class, DataSource.class,
                        d -> new ForwardingDataSource((DataSource) d) { }),
                new Layer(ForwardingConnection.class, Connection.class,
                        d -> new ForwardingConnection((Connection) d) { }),
                new Layer(ForwardingStatement.class, Statement.class,
                        d -> new ForwardingStatement<>((Statement) d) { }),
                new Layer(ForwardingPreparedStatement.class, PreparedStatement.class,
                        d -> new ForwardingPreparedStatement<>((PreparedStatement) d) { }),
                new Layer(ForwardingCallableStatement.class, CallableStatement.class,
                        d -> new ForwardingCallableStatement((CallableStatement) d) { }),
                new Layer(ForwardingResultSet.class, ResultSet.class,
                        d -> new ForwardingResultSet((ResultSet) d) { }),
                new Layer(ForwardingDatabaseMetaData.class, DatabaseMetaData.class,
                        d -> new ForwardingDatabaseMetaData((DatabaseMetaData) d) { }))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void implementsEveryInterfaceMethodItself(Layer layer) throws NoSuchMethodException {
        assertThat(Modifier.isAbstract(layer.forwarding().getModifiers())).isTrue();
        for (Method m : interfaceMethods(layer.jdbc())) {
            Method impl = layer.forwarding().getMethod(m.getName(), m.getParameterTypes());
            assertThat(impl.getDeclaringClass().getPackageName())
                    .as("%s.%s is forwarded, not left to JDBC's default", layer, m.getName())
                    .isEqualTo(ForwardingStatement.class.getPackageName());
            assertThat(Modifier.isAbstract(impl.getModifiers())).as("%s.%s", layer, m.getName()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void forwardsEveryCallWithItsArgumentsAndResult(Layer layer) throws Exception {
        List<Method> methods = interfaceMethods(layer.jdbc());
        assertThat(methods).hasSizeGreaterThan(5);
        for (Method m : methods) {
            Recording recording = new Recording(null);
            Wrapper wrapper = layer.wrap().apply(recording.delegate(layer.jdbc()));
            Object[] args = arguments(m);
            Object result = m.invoke(wrapper, args);

            assertThat(recording.calls).as("%s.%s reaches the delegate once", layer, m.getName()).hasSize(1);
            Call call = recording.calls.get(0);
            assertThat(call.method.getName()).isEqualTo(m.getName());
            assertThat(call.method.getParameterTypes()).containsExactly(m.getParameterTypes());
            assertThat(call.args).as("%s.%s arguments", layer, m.getName()).containsExactly(args);
            if (m.getReturnType() == void.class) {
                assertThat(result).isNull();
            } else if (m.getReturnType().isPrimitive()) {
                assertThat(result).as("%s.%s result", layer, m.getName()).isEqualTo(call.result);
            } else {
                assertThat(result).as("%s.%s result", layer, m.getName()).isSameAs(call.result);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void letsTheDelegatesExceptionThroughUnchanged(Layer layer) throws Exception {
        for (Method m : interfaceMethods(layer.jdbc())) {
            if (!Arrays.asList(m.getExceptionTypes()).contains(SQLException.class)) {
                continue;
            }
            SQLException failure = new SQLException("from the driver", "08006");
            Recording recording = new Recording(failure);
            Wrapper wrapper = layer.wrap().apply(recording.delegate(layer.jdbc()));
            assertThatThrownBy(() -> {
                try {
                    m.invoke(wrapper, arguments(m));
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }).as("%s.%s", layer, m.getName()).isSameAs(failure);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void unwrapAnswersForTheWrapperThenTheDelegateThenAsksTheDelegate(Layer layer) throws SQLException {
        Recording recording = new Recording(null);
        Object delegate = recording.delegate(layer.jdbc());
        Wrapper wrapper = layer.wrap().apply(delegate);

        assertThat(wrapper.unwrap(layer.jdbc())).isSameAs(wrapper);
        assertThat(wrapper.isWrapperFor(layer.jdbc())).isTrue();
        assertThat(wrapper.unwrap(Marker.class)).isSameAs(delegate);
        assertThat(wrapper.isWrapperFor(Marker.class)).isTrue();
        assertThat(recording.calls).isEmpty();

        Object inner = wrapper.unwrap(Runnable.class);
        assertThat(recording.calls).extracting(c -> c.method.getName()).containsExactly("unwrap");
        assertThat(inner).isSameAs(recording.calls.get(0).result);
        assertThat(wrapper.isWrapperFor(Runnable.class)).isTrue();
        assertThat(recording.calls).extracting(c -> c.method.getName()).containsExactly("unwrap", "isWrapperFor");
    }

    @Test
    void aWrapperChainGetsThePreparedAndCallableMethodsFromTheTraits() throws SQLException {
        Recording recording = new Recording(null);
        CallableStatement driver = (CallableStatement) recording.delegate(CallableStatement.class);
        CallableStatement chain = new ChainedCall(driver);

        assertThat(chain.getInt(3)).isEqualTo(47);
        chain.setLong("id", 7L);
        assertThat(chain.getFetchSize()).isEqualTo(47);
        assertThat(recording.calls).extracting(c -> c.method.getName()).containsExactly("getInt", "setLong",
                "getFetchSize");
        assertThat(((ChainedCall) chain).delegate()).isSameAs(driver);
    }

    /** A plain-statement wrapper of its own, as a profiler would write one. */
    static class ChainedStatement<S extends Statement> extends ForwardingStatement<S> {
        ChainedStatement(S delegate) {
            super(delegate);
        }
    }

    /** Its prepared level, between which and the plain one nothing is written by hand. */
    static class ChainedPrepared<S extends PreparedStatement> extends ChainedStatement<S>
            implements PreparedStatementForwarding<S> {
        ChainedPrepared(S delegate) {
            super(delegate);
        }
    }

    /** Its callable level. */
    static final class ChainedCall extends ChainedPrepared<CallableStatement> implements CallableStatementForwarding {
        ChainedCall(CallableStatement delegate) {
            super(delegate);
        }
    }

    @Test
    void refusesANullDelegate() {
        assertThatThrownBy(() -> new ForwardingStatement<Statement>(null) { })
                .isInstanceOf(NullPointerException.class).hasMessage("delegate");
        assertThatThrownBy(() -> new ForwardingDataSource(null) { })
                .isInstanceOf(NullPointerException.class).hasMessage("delegate");
    }

    @Test
    void theUnpooledDataSourceForwardsToTheDriver() throws SQLException {
        OwnedDataSource ds = DataSources.open(io.dbopt.core.config.DbOptConfig.of(
                Map.of("database_url", "jdbc:postgresql://127.0.0.1:1/none")));
        assertThat(ds).isInstanceOf(ForwardingDataSource.class);
        assertThat(ds.describe()).contains("unpooled");
        assertThat(ds.isWrapperFor(DriverDataSource.class)).isTrue();
        assertThat(ds.unwrap(OwnedDataSource.class)).isSameAs(ds);
        ds.close();
    }

    /** Every method a wrapper must forward: the interface's own and inherited ones, but not Wrapper's. */
    private static List<Method> interfaceMethods(Class<?> jdbc) {
        List<Method> methods = new ArrayList<>();
        for (Method m : jdbc.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Wrapper.class) {
                methods.add(m);
            }
        }
        return methods;
    }

    private static Object[] arguments(Method m) {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = sample(types[i], i + 1);
        }
        return args;
    }

    /** A value of {@code type} that differs from the type's default, {@code n} making positions distinct. */
    static Object sample(Class<?> type, int n) {
        if (type == boolean.class) {
            return true;
        } else if (type == int.class) {
            return 40 + n;
        } else if (type == long.class) {
            return 400L + n;
        } else if (type == short.class) {
            return (short) (4 + n);
        } else if (type == byte.class) {
            return (byte) (2 + n);
        } else if (type == float.class) {
            return 1.5f + n;
        } else if (type == double.class) {
            return 2.5 + n;
        } else if (type == String.class) {
            return "value" + n;
        } else if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), n);
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        } else if (type.isInterface()) {
            return Proxy.newProxyInstance(ForwardingLayerTest.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> objectMethod(proxy, method, args));
        }
        return sampleObject(type, n);
    }

    private static Object sampleObject(Class<?> type, int n) {
        if (type == Object.class) {
            return new Object();
        } else if (type == Class.class) {
            return Runnable.class;
        } else if (type == BigDecimal.class) {
            return BigDecimal.valueOf(n);
        } else if (type == Date.class) {
            return new Date(n);
        } else if (type == Time.class) {
            return new Time(n);
        } else if (type == Timestamp.class) {
            return new Timestamp(n);
        } else if (type == Calendar.class) {
            return Calendar.getInstance();
        } else if (type == URL.class) {
            try {
                return new URL("http://example.com/" + n);
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        } else if (type == InputStream.class) {
            return InputStream.nullInputStream();
        } else if (type == Reader.class) {
            return Reader.nullReader();
        } else if (type == PrintWriter.class) {
            return new PrintWriter(Writer.nullWriter());
        } else if (type == Properties.class) {
            return new Properties();
        } else if (type == Logger.class) {
            return Logger.getLogger("forwarding-test");
        }
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no sample value for " + type, e);
        }
    }

    /** Identity equality for the proxies, so that assertions can compare them. */
    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "proxy";
            default:
                return null;
        }
    }

    private record Call(Method method, Object[] args, Object result) {
    }

    /** A delegate that records each call and answers with a fresh sample of the return type, or fails. */
    private static final class Recording {
        final List<Call> calls = new ArrayList<>();
        private final SQLException failure;

        Recording(SQLException failure) {
            this.failure = failure;
        }

        Object delegate(Class<?> jdbc) {
            return Proxy.newProxyInstance(ForwardingLayerTest.class.getClassLoader(),
                    new Class<?>[] {jdbc, Marker.class}, (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return objectMethod(proxy, method, args);
                        }
                        if (failure != null) {
                            throw failure;
                        }
                        Class<?> returns = method.getReturnType();
                        Object result = returns == void.class ? null
                                : method.getName().equals("unwrap") ? sample((Class<?>) args[0], 7)
                                : sample(returns, 7);
                        calls.add(new Call(method, args == null ? new Object[0] : args, result));
                        return result;
                    });
        }
    }
}
