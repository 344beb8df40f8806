package com.example.clash;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import net.bytebuddy.ByteBuddy;

/**
 * Uses its own Jackson and Byte Buddy, of other versions than the agent's, while the agent weaves
 * {@link Greeter}. Prints what it used and exits 0; any clash would show as a LinkageError.
 */
public final class ClashApp {

  private ClashApp() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Greeter greeter = new Greeter();
    String json = mapper.writeValueAsString(Map.of("greeting", greeter.greet("clash")));
    Class<?> generated = new ByteBuddy().subclass(Object.class).name("com.example.clash.Generated")
        .make().load(ClashApp.class.getClassLoader()).getLoaded();
    System.out.println("app jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
    System.out.println("app json " + json);
    System.out.println("app generated " + generated.getName());
  }
}
