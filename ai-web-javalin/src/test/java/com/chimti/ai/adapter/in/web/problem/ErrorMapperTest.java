package com.chimti.ai.adapter.in.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.UnauthenticatedException;
import com.chimti.ai.adapter.in.web.http.ApiProblem;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.billing.InsufficientCreditsException;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.ProviderTimeoutException;
import com.chimti.ai.core.domain.tenancy.AiNotEnabledException;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.domain.turn.ServerDrainingException;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stable status and code of every failure the web layer knows. */
class ErrorMapperTest {

    private static void assertMaps(Exception failure, int status, String code) {
        ErrorMapper.Mapped mapped = ErrorMapper.map(failure);
        assertThat(mapped.status()).as(failure.getClass().getSimpleName()).isEqualTo(status);
        assertThat(mapped.code()).isEqualTo(code);
        assertThat(mapped.title()).isNotBlank();
        assertThat(mapped.detail()).isNotBlank();
    }

    @Test
    void aDrainingServerAnswers503WithRetryAfter() {
        assertMaps(new ServerDrainingException(), 503, "draining");
        assertThat(ErrorMapper.map(new ServerDrainingException()).retryAfterSeconds()).isEqualTo(5);
        assertThat(ErrorMapper.map(new ServerDrainingException()).title()).isEqualTo("Service Unavailable");
    }

    @Test
    void mapsEveryCoreException() {
        assertMaps(new UnauthenticatedException("x"), 401, "unauthenticated");
        assertMaps(new AiNotEnabledException("x"), 403, "ai_not_enabled");
        assertMaps(new OutOfScopeException("x"), 403, "forbidden");
        assertMaps(new NotFoundException("x"), 404, "not_found");
        assertMaps(new ValidationException("x"), 400, "validation_failed");
        assertMaps(new ConflictException("x"), 409, "conflict");
        assertMaps(new InsufficientCreditsException("x"), 402, "insufficient_credits");
        assertMaps(new ProviderNotConnectedException("x"), 409, "provider_not_connected");
        assertMaps(new ProviderTimeoutException("x"), 504, "provider_timeout");
        assertMaps(new ProviderFailureException("x"), 502, "provider_error");
        assertMaps(ApiProblem.payloadTooLarge(10), 413, "payload_too_large");
        assertMaps(new com.chimti.ai.core.domain.artifact.ArtifactTooLargeException("x"), 413, "payload_too_large");
        assertMaps(new com.chimti.ai.core.domain.artifact.UnsupportedContentTypeException("x"), 415,
                "unsupported_media_type");
    }

    @Test
    void rateLimitedCarriesRetryAfterInWholeSecondsRoundedUp() {
        ErrorMapper.Mapped mapped = ErrorMapper.map(new RateLimitedException("slow down", Duration.ofMillis(1200)));
        assertThat(mapped.status()).isEqualTo(429);
        assertThat(mapped.code()).isEqualTo("rate_limited");
        assertThat(mapped.retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void ourOwnLimitsAlsoCarryRateLimitHeaderValues() {
        ErrorMapper.Mapped windowed = ErrorMapper.map(new RateLimitedException("slow down", Duration.ofMillis(44_100),
                60, 0, Duration.ofMinutes(1)));
        assertThat(windowed.retryAfterSeconds()).isEqualTo(45);
        assertThat(windowed.rateLimit()).isEqualTo("limit=60, remaining=0, reset=45");
        assertThat(windowed.rateLimitPolicy()).isEqualTo("60;w=60");

        ErrorMapper.Mapped concurrency = ErrorMapper.map(new RateLimitedException("busy", Duration.ofSeconds(5),
                1, 0, null));
        assertThat(concurrency.rateLimit()).isEqualTo("limit=1, remaining=0, reset=5");
        assertThat(concurrency.rateLimitPolicy()).isNull();

        ErrorMapper.Mapped provider = ErrorMapper.map(new RateLimitedException("usage limit", Duration.ofSeconds(9)));
        assertThat(provider.rateLimit()).isNull();
        assertThat(provider.rateLimitPolicy()).isNull();
    }

    @Test
    void unauthenticatedNeverExplainsWhy() {
        assertThat(ErrorMapper.map(new UnauthenticatedException("signature invalid for kid 7")).detail())
                .doesNotContain("signature", "kid");
    }

    @Test
    void unexpectedFailuresAreBareInternalErrors() {
        ErrorMapper.Mapped mapped = ErrorMapper.map(new IllegalStateException("SELECT * FROM secrets"));
        assertThat(mapped.status()).isEqualTo(500);
        assertThat(mapped.code()).isEqualTo("internal_error");
        assertThat(mapped.detail()).doesNotContain("SELECT");
    }

    @Test
    void javalinResponsesKeepTheirStatusButGetOurTexts() {
        assertMaps(new HttpResponseException(404, "Endpoint GET /x not found"), 404, "not_found");
        assertMaps(new HttpResponseException(413, "too big"), 413, "payload_too_large");
        assertThat(ErrorMapper.map(new HttpResponseException(404, "Endpoint GET /x not found")).detail())
                .doesNotContain("Endpoint");
    }
}
