package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.Objects;

public record ListChatsQuery(Caller caller, BrandId brandId, PageRequest page) {
    public ListChatsQuery {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(page, "page");
    }
}
