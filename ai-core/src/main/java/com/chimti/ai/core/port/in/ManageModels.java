package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.account.ModelCatalog;
import com.chimti.ai.core.domain.tenancy.Caller;

public interface ManageModels {

    ModelCatalog catalog(Caller caller, String provider);

    /** Makes {@code model} the caller's model; it must be one of the catalog's. */
    ModelCatalog choose(Caller caller, String provider, String model);
}
