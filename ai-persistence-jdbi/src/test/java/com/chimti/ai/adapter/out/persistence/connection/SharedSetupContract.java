package com.chimti.ai.adapter.out.persistence.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import org.junit.jupiter.api.Test;

/** The first instance's shared setup is recorded once; every later instance gets it back to compare. */
abstract class SharedSetupContract extends DatabaseContract {

    @Test
    void theFirstSetupIsRecordedAndReturnedToEveryLaterInstance() {
        // one row per database (the embedded one is shared by this module's tests): start from none
        instance().jdbi().useHandle(h -> h.execute("DELETE FROM ai_instance_check"));
        SharedSetup first = new SharedSetup("marker-a", "probe-a");
        assertThat(instance().database().recordSharedSetup(first)).isEqualTo(first);
        assertThat(otherInstance().database().recordSharedSetup(first)).isEqualTo(first);
        // a differing instance is told what the first one recorded; nothing is overwritten
        assertThat(otherInstance().database().recordSharedSetup(new SharedSetup("marker-b", "probe-b"))).isEqualTo(first);
        assertThat(instance().database().recordSharedSetup(new SharedSetup("marker-a", "probe-c"))).isEqualTo(first);
        Integer rows = instance().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM ai_instance_check")
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }
}
