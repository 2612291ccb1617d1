package io.tempguard.internal.forensics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Sites are interned and the table is bounded: a million paths from ten sites are ten records. */
class SiteTableTest {

    @Test
    void aMillionCreationsFromTenSitesAreTenRecords() {
        SiteTable table = new SiteTable();
        CreationSite[] first = new CreationSite[10];
        for (int i = 0; i < 1_000_000; i++) {
            int s = i % 10;
            CreationSite site = table.intern("com.example.C" + s, "make", "C" + s + ".java", 10 + s);
            if (first[s] == null) first[s] = site;
            assertSame(first[s], site);
        }
        assertEquals(10, table.size());
        assertEquals("com.example.C3.make(C3.java:13)", first[3].toString());
    }

    @Test
    void pastItsCapacityNewSitesCountAsOther() {
        SiteTable table = new SiteTable(2);
        CreationSite a = table.intern("A", "m", "A.java", 1);
        table.intern("B", "m", "B.java", 1);
        assertSame(table.other(), table.intern("C", "m", "C.java", 1));
        assertSame(a, table.intern("A", "m", "A.java", 1), "known sites are still found");
        assertEquals(2, table.size());
        assertEquals("other", table.other().toString());
    }
}
