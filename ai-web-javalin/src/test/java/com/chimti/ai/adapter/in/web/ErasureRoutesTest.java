package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.erasure.ErasedRows;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.port.in.EraseUserCommand;
import com.chimti.ai.core.port.in.ErasureReport;
import com.chimti.ai.core.testing.Callers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The erasure route's edge: 204, the path's ids handed over as they are, 403 before the path is read. */
class ErasureRoutesTest extends WebTestBase {
    /** Static: the server may outlive one test instance (see WebTestBase); each test clears it first. */
    private static final List<EraseUserCommand> erased = new CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierCalls() {
        erased.clear();
    }

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder.erasure(command -> {
            if (!command.caller().hasRole(Role.PLATFORM_ADMIN)
                    && !command.caller().clientId().equals(command.clientId())) {
                throw new OutOfScopeException("not your client");
            }
            erased.add(command);
            return new ErasureReport(ErasedRows.NONE, 0, 1);
        });
    }

    private HttpResponse<String> erase(String path, String token) {
        return send(request(path, token).DELETE());
    }

    @Test
    void aPlatformAdminErasesAndGets204() {
        String token = TestTokens.valid(Callers.aCaller().user("ops").client("platform").roles(Role.PLATFORM_ADMIN)
                .modules().build());

        HttpResponse<String> answer = erase("/v1/ai/admin/clients/c-7/users/u%20x", token);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        assertThat(erased).singleElement().satisfies(command -> {
            assertThat(command.clientId().value()).isEqualTo("c-7");
            assertThat(command.userId().value()).isEqualTo("u x");
            assertThat(command.caller().userId().value()).isEqualTo("ops");
        });
    }

    @Test
    void otherRolesAre403AndASuperadminOfAnotherClientToo() {
        for (Role role : List.of(Role.STORE, Role.BRAND_ADMIN, Role.ACCOUNTS)) {
            String token = TestTokens.valid(Callers.aCaller().client("c1").roles(role).aiAccess(true).build());
            assertProblem(erase("/v1/ai/admin/clients/c1/users/u2", token), 403, "forbidden");
        }
        String superadmin = TestTokens.valid(Callers.aCaller().client("c1").roles(Role.BRAND_SUPERADMIN).build());
        assertProblem(erase("/v1/ai/admin/clients/c2/users/u2", superadmin), 403, "forbidden");
        assertThat(erased).isEmpty();
        assertThat(erase("/v1/ai/admin/clients/c1/users/u2", superadmin).statusCode()).isEqualTo(204);
    }

    @Test
    void withoutATokenItIs401() {
        assertProblem(erase("/v1/ai/admin/clients/c1/users/u2", null), 401, "unauthenticated");
    }
}
