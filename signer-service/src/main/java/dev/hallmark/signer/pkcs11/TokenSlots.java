package dev.hallmark.signer.pkcs11;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a token label to the id of the slot that holds it, by asking the module itself: {@code
 * C_GetSlotList(tokenPresent = true)}, then {@code C_GetTokenInfo} of each slot (PKCS#11 v2.40
 * sections 5.5). SunPKCS11 can choose a slot only by id or list index, and exposes no token
 * information, so this goes through the JDK's own PKCS#11 wrapper ({@code
 * sun.security.pkcs11.wrapper.PKCS11}). It needs {@code --add-exports
 * jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}: the service jar's manifest carries
 * it ({@code Add-Exports}); without it, choose the token by {@code slot} or {@code
 * slot-list-index}.
 *
 * <p>The wrapper keeps one module instance per library path and initializes the module once;
 * SunPKCS11 later gets the same instance, so asking first costs nothing.
 */
final class TokenSlots {
  private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
  private static final long CKF_OS_LOCKING_OK = 0x00000002L;

  private TokenSlots() {}

  /**
   * @throws TokenNotFoundException if no present token has this label
   * @throws TokenUnavailableException if the module cannot be asked
   */
  static long slotOf(String library, String label) {
    String slotText = "token label '" + label + "'";
    try {
      Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
      Class<?> initArgsType = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
      Object initArgs = initArgsType.getConstructor().newInstance();
      initArgsType.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
      Object module =
          pkcs11
              .getMethod("getInstance", String.class, String.class, initArgsType, boolean.class)
              .invoke(null, library, "C_GetFunctionList", initArgs, false);
      long[] slots = (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(module, true);
      Method tokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
      List<String> seen = new ArrayList<>();
      for (long slot : slots) {
        Object info = tokenInfo.invoke(module, slot);
        char[] padded = (char[]) info.getClass().getField("label").get(info);
        // CK_TOKEN_INFO.label is 32 characters, padded with blanks.
        String tokenLabel = new String(padded).stripTrailing();
        if (tokenLabel.equals(label)) {
          return slot;
        }
        if (!tokenLabel.isEmpty()) {
          seen.add(tokenLabel);
        }
      }
      throw new TokenNotFoundException(library, label, seen);
    } catch (IllegalAccessException | ClassNotFoundException | NoSuchMethodException e) {
      throw new TokenUnavailableException(
          library,
          slotText,
          "cannot read token labels: run with --add-exports"
              + " jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED (the service jar"
              + " sets it), or choose the token by slot or slot-list-index",
          e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new TokenUnavailableException(
          library,
          slotText,
          "the module failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
          cause);
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (e instanceof TokenNotFoundException notFound) {
        throw notFound;
      }
      throw new TokenUnavailableException(library, slotText, "cannot read token labels", e);
    }
  }
}
