package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.gclog.Frame;
import io.heapreel.model.types.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void theBuiltInTableNamesTheBlocksOfMapPrintedIntsPollAndRe() {
    SiteRoles roles = SiteRoles.micropython();
    assertThat(roles.roleOf(at("map_iternext"))).isEqualTo(Role.CALL_ARGS);
    assertThat(roles.roleOf(at("mpz_as_str_inpl"))).isEqualTo(Role.MPZ_DIGITS);
    assertThat(roles.roleOf(at("mp_obj_int_formatted_impl"))).isEqualTo(Role.INT_TEXT);
    assertThat(roles.roleOf(at("mp_obj_int_formatted"))).isEqualTo(Role.INT_TEXT);
    assertThat(roles.roleOf(at("poll_set_add_obj"))).isEqualTo(Role.POLL_ENTRY);
    assertThat(roles.roleOf(at("re_exec_helper"))).isEqualTo(Role.FAILED_MATCH);
  }

  @Test
  void anInlinedMpNonlocalAllocIsPartOfTheAllocatorSoItsCallerIsTheSite() {
    // frames #2 to #5 of a v1.28 backtrace (MPS2_AN385) of a call with * and ** arguments: gdb
    // prints the inline function of py/pystack.h as a frame of its own
    List<Frame> trace = List.of(
        new Frame(0x116, "m_malloc", "num_bytes=num_bytes@entry=16", "../../py/malloc.c", 86, null),
        new Frame(0xdcfa, "mp_nonlocal_alloc", "n_bytes=16", "../../py/pystack.h", 85, null),
        new Frame(Frame.NO_PC, "mp_call_prepare_args_n_kw_var", "have_self=have_self@entry=false", "../../py/runtime.c", 809, null),
        new Frame(Frame.NO_PC, "mp_call_method_n_kw_var", "have_self=have_self@entry=false", "../../py/runtime.c", 940, null));
    int site = SiteRules.MICROPYTHON.siteIndex(trace);
    assertThat(trace.get(site).function()).isEqualTo("mp_call_prepare_args_n_kw_var");
    assertThat(SiteRules.MICROPYTHON.siteRole(trace, site)).isEqualTo(Role.CALL_ARGS);
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
