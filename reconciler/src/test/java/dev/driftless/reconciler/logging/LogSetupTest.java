package dev.driftless.reconciler.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LogSetupTest {

    @Test
    void driftlessSpeaksAtInfoLibrariesAtWarnToStandardError() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.driftless.reconciler.engine.Reconciler").getEffectiveLevel())
                .isEqualTo(Level.toLevel(System.getenv("DRIFTLESS_LOG_LEVEL"), Level.INFO));
        assertThat(context.getLogger("org.eclipse.jgit").getEffectiveLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(appender.isStarted()).isTrue();
    }

    @Test
    void theProcessUsesIt() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
        assertThat(context.getLogger("dev.driftless").getLevel()).isNotNull();
    }
}
