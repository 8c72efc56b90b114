package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.gclog.Frame;
import io.heapreel.model.types.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteRolesTest {
  @TempDir Path dir;

  private static Frame at(String function) {
    return new Frame(0x100, function, "", "../../py/x.c", 1, null);
  }

  @Test
  void theBuiltInTableNamesTheCompilersBuffers() {
    SiteRoles roles = SiteRoles.micropython();
    assertThat(roles.roleOf(at("parser_alloc"))).isEqualTo(Role.PARSE_CHUNK);
    assertThat(roles.roleOf(at("scope_new"))).isEqualTo(Role.COMPILER_SCOPE);
    assertThat(roles.roleOf(at("vstr_init"))).isEqualTo(Role.VSTR_BUFFER);
    assertThat(roles.roleOf(at("fun_bc_call"))).isEqualTo(Role.CODE_STATE);
    assertThat(roles.roleOf(at("mp_obj_malloc_helper"))).as("objects are told by their memory").isEqualTo(Role.UNKNOWN);
    assertThat(roles.roleOf(null)).isEqualTo(Role.UNKNOWN);
    assertThat(roles.byFunction().values()).doesNotContain(Role.OBJECT, Role.UNKNOWN);
  }

  @Test
  void aUserFileAddsReplacesAndSwitchesOff() throws IOException {
    Path file = dir.resolve("my.sites");
    Files.writeString(file, "# mine\nmy_alloc lexer   # a port's own\nparser_alloc parse_stack\nvstr_init unknown\n");
    SiteRoles roles = SiteRoles.micropython().withFile(file);
    assertThat(roles.roleOf(at("my_alloc"))).isEqualTo(Role.LEXER);
    assertThat(roles.roleOf(at("parser_alloc"))).isEqualTo(Role.PARSE_STACK);
    assertThat(roles.roleOf(at("vstr_init"))).isEqualTo(Role.UNKNOWN);
    assertThat(roles.roleOf(at("scope_new"))).isEqualTo(Role.COMPILER_SCOPE);
  }

  @Test
  void aBadLineIsReportedWithItsFileAndLine() throws IOException {
    Path file = dir.resolve("bad.sites");
    Files.writeString(file, "parser_alloc parse_chunk\nscope_new\n");
    assertThatThrownBy(() -> SiteRoles.NONE.withFile(file)).isInstanceOf(CaptureException.class).hasMessageContaining("bad.sites:2");
    Files.writeString(file, "parser_alloc object\n");
    assertThatThrownBy(() -> SiteRoles.NONE.withFile(file)).isInstanceOf(CaptureException.class).hasMessageContaining("bad.sites:1: unknown role 'object'");
    assertThatThrownBy(() -> SiteRoles.NONE.withFile(dir.resolve("none.sites"))).isInstanceOf(CaptureException.class).hasMessageContaining("none.sites");
  }
}
