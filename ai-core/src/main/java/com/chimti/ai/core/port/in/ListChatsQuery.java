package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.BrandId;
import com.chimti.ai.core.domain.Caller;
import com.chimti.ai.core.domain.PageRequest;
import java.util.Objects;

public record ListChatsQuery(Caller caller, BrandId brandId, PageRequest page) {
    public ListChatsQuery {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(page, "page");
    }
}
