package com.chimti.ai.adapter.in.web;

import com.chimti.ai.adapter.in.web.http.RequestIds;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * The request id in every log line written while a request is served: it is put into the SLF4J MDC (key
 * {@value #MDC_KEY}) before the handlers and removed after them, and tasks handed to the server's turn and
 * timer threads carry the MDC of the thread that scheduled them, so a streamed turn logs under its request too.
 */
public final class RequestLogContext {
    /** The MDC key of the request id (the {@code X-Request-Id} header and {@code requestId} of problem+json). */
    public static final String MDC_KEY = "requestId";

    private RequestLogContext() {
    }

    static void open(Context ctx) {
        MDC.put(MDC_KEY, RequestIds.of(ctx));
    }

    static void close(Context ctx) {
        MDC.remove(MDC_KEY);
    }

    /** {@code task}, run with the MDC the calling thread has now; the worker's own MDC is restored after. */
    public static Runnable carried(Runnable task) {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            set(captured);
            try {
                task.run();
            } finally {
                set(previous);
            }
        };
    }

    private static void set(Map<String, String> context) {
        if (context == null || context.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    /** An executor whose tasks run {@link #carried} (submit goes through execute). */
    static ExecutorService carrying(ExecutorService pool) {
        return new AbstractExecutorService() {
            @Override
            public void execute(Runnable command) {
                pool.execute(carried(command));
            }

            @Override
            public void shutdown() {
                pool.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return pool.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return pool.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return pool.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return pool.awaitTermination(timeout, unit);
            }
        };
    }

    /** A scheduled pool whose tasks run {@link #carried} (execute and submit go through schedule). */
    static ScheduledThreadPoolExecutor carryingScheduledPool(int threads, ThreadFactory factory) {
        return new ScheduledThreadPoolExecutor(threads, factory) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                return super.schedule(carried(command), delay, unit);
            }

            @Override
            public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
                Map<String, String> captured = MDC.getCopyOfContextMap();
                return super.schedule(() -> {
                    Map<String, String> previous = MDC.getCopyOfContextMap();
                    set(captured);
                    try {
                        return callable.call();
                    } finally {
                        set(previous);
                    }
                }, delay, unit);
            }

            @Override
            public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                                                          TimeUnit unit) {
                return super.scheduleAtFixedRate(carried(command), initialDelay, period, unit);
            }

            @Override
            public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                             TimeUnit unit) {
                return super.scheduleWithFixedDelay(carried(command), initialDelay, delay, unit);
            }
        };
    }
}
