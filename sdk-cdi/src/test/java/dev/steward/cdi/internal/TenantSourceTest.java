package dev.steward.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonString;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class TenantSourceTest {

    @Test
    void readsTheTenantFromAJwtClaimWhetherStringOrJsonString() {
        TenantSource source = new JwtClaimTenantSource("tenant_id");

        assertThat(source.tenant(new Token(Map.of("tenant_id", "acme")))).isEqualTo("acme");
        assertThat(source.tenant(new Token(Map.of("tenant_id", jsonString("globex")))))
                .isEqualTo("globex");
        assertThat(source.tenant(new Token(Map.of()))).isNull();
        assertThat(source.tenant(() -> "not-a-jwt")).isNull();
    }

    @Test
    void readsTheTenantFromAGetterOrAccessorOfThePrincipal() {
        assertThat(new PrincipalAttributeTenantSource("tenant").tenant(new WithGetter("u", "acme")))
                .isEqualTo("acme");
        assertThat(new PrincipalAttributeTenantSource("tenant").tenant(new WithAccessor("u", "globex")))
                .isEqualTo("globex");
        assertThat(new PrincipalAttributeTenantSource("tenant").tenant(() -> "plain"))
                .isNull();
    }

    private static JsonString jsonString(String value) {
        return new JsonString() {
            @Override
            public String getString() {
                return value;
            }

            @Override
            public CharSequence getChars() {
                return value;
            }

            @Override
            public ValueType getValueType() {
                return ValueType.STRING;
            }
        };
    }

    /** A principal with a JavaBean getter. */
    public static final class WithGetter implements Principal {
        private final String name;
        private final String tenant;

        WithGetter(String name, String tenant) {
            this.name = name;
            this.tenant = tenant;
        }

        @Override
        public String getName() {
            return name;
        }

        /**
         * The tenant.
         *
         * @return the tenant
         */
        public String getTenant() {
            return tenant;
        }
    }

    /** A principal record with a record accessor. */
    public record WithAccessor(String getName, String tenant) implements Principal {}

    private record Token(Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return "jwt-user";
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) claims.get(claimName);
        }
    }
}
