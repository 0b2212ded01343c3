package io.gpjobs.value;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.ParameterDefinition;

/** Round-trip assertions shared by the codec tests. */
final class RoundTrip {
    private RoundTrip() {
    }

    /** Reads the canonical JSON, checks the value, and checks that writing gives back exactly the same text. */
    static GPValue check(GPDataType type, String canonical, GPValue expected) {
        GPValue read = GPValueCodec.fromJson(type, canonical);
        assertThat(read).isEqualTo(expected);
        assertThat(GPValueCodec.toJson(read)).isEqualTo(canonical);
        assertThat(GPValueCodec.read(type, GPValueCodec.write(read))).isEqualTo(read);
        return read;
    }

    /** As {@link #check(GPDataType, String, GPValue)}, reading with a parameter definition. */
    static GPValue check(ParameterDefinition p, String canonical, GPValue expected) {
        GPValue read = GPValueCodec.read(p.shape(), Json.parse("test", canonical));
        assertThat(read).isEqualTo(expected);
        assertThat(GPValueCodec.toJson(read)).isEqualTo(canonical);
        assertThat(GPValueCodec.read(p.shape(), GPValueCodec.write(read))).isEqualTo(read);
        return read;
    }
}
