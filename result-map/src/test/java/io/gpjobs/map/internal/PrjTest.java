package io.gpjobs.map.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.value.SpatialReference;
import org.junit.jupiter.api.Test;

/** Spatial references of .prj files: known ones by wkid, others kept as WKT. */
class PrjTest {

    static final String GCS = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
            + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    @Test
    void knownSystemsGetTheirWkid() {
        assertThat(Prj.spatialReference(GCS)).isEqualTo(SpatialReference.WGS84);
        assertThat(Prj.spatialReference("PROJCS[\"WGS_1984_UTM_Zone_32N\"," + GCS + "]").wkid()).isEqualTo(32632);
        assertThat(Prj.spatialReference("PROJCS[\"WGS_1984_UTM_Zone_5S\"," + GCS + "]").wkid()).isEqualTo(32705);
        SpatialReference wm = Prj.spatialReference("PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\"," + GCS
                + ",PROJECTION[\"Mercator_Auxiliary_Sphere\"]]");
        assertThat(wm.wkid()).isEqualTo(102100);
        assertThat(wm.latestWkid()).isEqualTo(3857);
        String other = "PROJCS[\"ETRS_1989_LAEA\"," + GCS + "]";
        assertThat(Prj.spatialReference(other).wkt()).isEqualTo(other);
        assertThat(Prj.spatialReference("  ")).isNull();
    }
}
