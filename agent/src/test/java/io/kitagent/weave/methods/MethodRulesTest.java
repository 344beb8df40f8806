package io.kitagent.weave.methods;

import io.kitagent.logging.LogConfig;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.config.ConfigException;
import io.kitagent.config.ConfigLoader;
import io.kitagent.config.Level;
import io.kitagent.config.MethodRule;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class MethodRulesTest {

  private static final String PREFIX = "io.kitagent.weave.methods.MethodRulesTest$";

  // ---- fixtures ------------------------------------------------------------------------------

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Monitored {}

  record Address(String city) {}

  static class OrderService {
    public String placeOrder(String item, int quantity) {
      return item + quantity;
    }

    private void audit(String message) {}

    static OrderService create() {
      return new OrderService();
    }

    public void place() {}

    public void place(String item) {}

    public void place(String item, int quantity) {}

    public void placeAll(String[] items) {}

    public void ship(Address address) {}

    public Runnable later(String item) {
      return () -> audit(item);
    }

    @Monitored
    public void checkout() {}

    native void nativeCall();

    public String toString(int indent) {
      return " ".repeat(indent) + this;
    }

    @Override
    public String toString() {
      return "OrderService";
    }

    @Override
    public int hashCode() {
      return 1;
    }

    @Override
    public boolean equals(Object other) {
      return other == this;
    }
  }

  static class InventoryService {
    public int stock(String item) {
      return 0;
    }
  }

  abstract static class AbstractJob {
    abstract void run();

    void retry() {}
  }

  static class NightlyJob extends AbstractJob {
    @Override
    void run() {}

    void report() {}
  }

  interface PaymentApi {
    String charge(String account, long cents);

    default String currency() {
      return "EUR";
    }
  }

  static class CardPayments implements PaymentApi {
    @Override
    public String charge(String account, long cents) {
      return account;
    }

    public void refresh() {}
  }

  static class PremiumCardPayments extends CardPayments {
    @Override
    public String charge(String account, long cents) {
      return "premium " + account;
    }

    @Override
    public String currency() {
      return "CHF";
    }
  }

  interface Repository<T> {
    void save(T item);

    T find(String id);
  }

  static class BookRepository implements Repository<String> {
    @Override
    public void save(String item) {}

    @Override
    public String find(String id) {
      return id;
    }

    public void compact() {}
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static MethodRules rules(String methodsYaml) throws ConfigException {
    String yaml = "service: test\nmethods:\n" + methodsYaml;
    return new MethodRules(ConfigLoader.withVariables(Map.of()).parse("test.yaml", yaml).methods());
  }

  private static MethodRules matching(String pattern) throws ConfigException {
    return rules("  - match: \"" + pattern + "\"\n    log: true\n");
  }

  private static TypeDescription type(Class<?> type) {
    return TypeDescription.ForLoadedType.of(type);
  }

  private static MethodList<MethodDescription.InDefinedShape> methods(Class<?> type) {
    return type(type).getDeclaredMethods();
  }

  /** The one declared, non-bridge method of that name and parameter types. */
  private static MethodDescription method(Class<?> type, String name, Class<?>... parameters) {
    return methods(type).filter(named(name).and(takesArguments(parameters)).and(not(isBridge())))
        .getOnly();
  }

  /** Names (with parameter count) of the declared methods that some rule weaves. */
  private static TreeSet<String> woven(MethodRules rules, Class<?> type) {
    TreeSet<String> names = new TreeSet<>();
    for (MethodDescription method : methods(type)) {
      if (rules.ruleFor(type(type), method) != null) {
        names.add(method.getName() + "/" + method.getParameters().size());
      }
    }
    return names;
  }

  // ---- what a catch-all rule never weaves -----------------------------------------------------

  @Test
  void weavesPublicPrivateStaticAndOverloadedMethodsOfAMatchingClass() throws ConfigException {
    MethodRules rules = matching(PREFIX + "OrderService#*");

    assertEquals(new TreeSet<>(List.of("audit/1", "checkout/0", "create/0", "later/1", "place/0",
            "place/1", "place/2", "placeAll/1", "placeOrder/2", "ship/1", "toString/1")),
        woven(rules, OrderService.class));
  }

  @Test
  void neverWeavesConstructors() throws ConfigException {
    MethodRules rules = matching(PREFIX + "OrderService#*");
    MethodList<?> constructors = methods(OrderService.class).filter(isConstructor());

    assertFalse(constructors.isEmpty());
    for (MethodDescription constructor : constructors) {
      assertNull(rules.ruleFor(type(OrderService.class), constructor), constructor.toString());
    }
  }

  @Test
  void neverWeavesLambdaBodies() throws ConfigException {
    MethodRules rules = matching(PREFIX + "OrderService#*");
    MethodList<?> lambdas = methods(OrderService.class).filter(nameStartsWith("lambda$"));

    assertFalse(lambdas.isEmpty(), "the fixture's lambda compiles to a lambda$ method");
    for (MethodDescription lambda : lambdas) {
      assertNull(rules.ruleFor(type(OrderService.class), lambda), lambda.toString());
    }
  }

  @Test
  void neverWeavesLambdaBodiesEvenWhenThePatternNamesThem() throws ConfigException {
    MethodRules rules = matching(PREFIX + "OrderService#lambda$*");

    assertEquals(new TreeSet<>(), woven(rules, OrderService.class));
  }

  @Test
  void neverWeavesToStringHashCodeOrEquals() throws ConfigException {
    MethodRules rules = matching(PREFIX + "OrderService#*");
    TypeDescription service = type(OrderService.class);

    assertNull(rules.ruleFor(service, method(OrderService.class, "toString")));
    assertNull(rules.ruleFor(service, method(OrderService.class, "hashCode")));
    assertNull(rules.ruleFor(service, method(OrderService.class, "equals", Object.class)));
  }

  @Test
  void weavesAToStringOverloadThatIsNotObjectsToString() throws ConfigException {
    MethodRules rules = matching(PREFIX + "OrderService#toString");

    assertNotNull(rules.ruleFor(type(OrderService.class), method(OrderService.class, "toString", int.class)));
  }

  @Test
  void neverWeavesNativeMethods() throws ConfigException {
    MethodRules rules = matching(PREFIX + "OrderService#nativeCall");

    assertNull(rules.ruleFor(type(OrderService.class), method(OrderService.class, "nativeCall")));
  }

  @Test
  void neverWeavesAbstractMethodsButWeavesTheConcreteOnesOfAnAbstractClass() throws ConfigException {
    MethodRules rules = matching(PREFIX + "AbstractJob#*");

    assertNull(rules.ruleFor(type(AbstractJob.class), method(AbstractJob.class, "run")));
    assertNotNull(rules.ruleFor(type(AbstractJob.class), method(AbstractJob.class, "retry")));
  }

  @Test
  void neverWeavesAbstractInterfaceMethods() throws ConfigException {
    MethodRules rules = matching(PREFIX + "PaymentApi#*");

    assertNull(rules.ruleFor(type(PaymentApi.class), method(PaymentApi.class, "charge", String.class,
        long.class)));
  }

  @Test
  void neverWeavesBridgeMethodsButWeavesTheMethodsTheyCall() throws ConfigException {
    MethodRules rules = matching(PREFIX + "BookRepository#*");
    MethodList<?> bridges = methods(BookRepository.class).filter(isBridge());

    assertEquals(2, bridges.size(), "save(Object) and Object find(String) are bridges: " + bridges);
    for (MethodDescription bridge : bridges) {
      assertNull(rules.ruleFor(type(BookRepository.class), bridge), bridge.toString());
    }
    assertNotNull(rules.ruleFor(type(BookRepository.class), method(BookRepository.class, "save",
        String.class)));
    assertNotNull(rules.ruleFor(type(BookRepository.class), method(BookRepository.class, "find",
        String.class)));
  }

  // ---- match: class globs ---------------------------------------------------------------------

  @Test
  void matchesTheClassByItsExactNameWithDollarForNestedClasses() throws ConfigException {
    MethodRules rules = matching(PREFIX + "OrderService#placeOrder");

    assertTrue(rules.types().matches(type(OrderService.class)));
    assertFalse(rules.types().matches(type(InventoryService.class)));
    assertEquals(new TreeSet<>(List.of("placeOrder/2")), woven(rules, OrderService.class));
  }

  @Test
  void matchesOnePackageSegmentWithASingleStar() throws ConfigException {
    assertTrue(matching("io.kitagent.weave.*.MethodRulesTest$OrderService#*").types()
        .matches(type(OrderService.class)));
    assertFalse(matching("io.*.MethodRulesTest$OrderService#*").types()
        .matches(type(OrderService.class)));
  }

  @Test
  void matchesAnyNumberOfPackageSegmentsWithADoubleStar() throws ConfigException {
    assertTrue(matching("io.**.MethodRulesTest$OrderService#*").types().matches(type(OrderService.class)));
    assertTrue(matching("**.MethodRulesTest$OrderService#*").types().matches(type(OrderService.class)));
    assertTrue(matching("io.kitagent.**#*").types().matches(type(OrderService.class)));
    assertFalse(matching("com.**#*").types().matches(type(OrderService.class)));
  }

  @Test
  void matchesPartOfAClassNameWithAStar() throws ConfigException {
    MethodRules rules = matching("io.kitagent.weave.methods.MethodRulesTest$*Service#*");

    assertTrue(rules.types().matches(type(OrderService.class)));
    assertTrue(rules.types().matches(type(InventoryService.class)));
    assertFalse(rules.types().matches(type(CardPayments.class)));
  }

  @Test
  void aStarInTheClassNameDoesNotCrossAPackageDot() throws ConfigException {
    assertFalse(matching("io.kitagent*MethodRulesTest$OrderService#*").types()
        .matches(type(OrderService.class)));
  }

  @Test
  void neverSelectsAnnotationTypesEvenWhenTheirNameMatches() throws ConfigException {
    MethodRules rules = matching(PREFIX + "Monitored#*");

    assertFalse(rules.types().matches(type(Monitored.class)));
  }

  // ---- match: method globs and parameter lists -----------------------------------------------

  @Test
  void matchesMethodNamesWithAStar() throws ConfigException {
    MethodRules rules = matching(PREFIX + "OrderService#place*");

    assertEquals(new TreeSet<>(List.of("place/0", "place/1", "place/2", "placeAll/1", "placeOrder/2")),
        woven(rules, OrderService.class));
  }

  @Test
  void matchesEveryOverloadWhenNoParameterListIsGiven() throws ConfigException {
    assertEquals(new TreeSet<>(List.of("place/0", "place/1", "place/2")),
        woven(matching(PREFIX + "OrderService#place"), OrderService.class));
  }

  @Test
  void matchesOnlyTheNoArgumentOverloadForAnEmptyParameterList() throws ConfigException {
    assertEquals(new TreeSet<>(List.of("place/0")),
        woven(matching(PREFIX + "OrderService#place()"), OrderService.class));
  }

  @Test
  void matchesJavaLangTypesBySimpleOrQualifiedName() throws ConfigException {
    assertEquals(new TreeSet<>(List.of("place/1")),
        woven(matching(PREFIX + "OrderService#place(String)"), OrderService.class));
    assertEquals(new TreeSet<>(List.of("place/2")),
        woven(matching(PREFIX + "OrderService#place(java.lang.String, int)"), OrderService.class));
  }

  @Test
  void matchesArrayAndNestedClassParameters() throws ConfigException {
    assertEquals(new TreeSet<>(List.of("placeAll/1")),
        woven(matching(PREFIX + "OrderService#placeAll(String[])"), OrderService.class));
    assertEquals(new TreeSet<>(List.of("ship/1")),
        woven(matching(PREFIX + "OrderService#ship(" + PREFIX + "Address)"), OrderService.class));
  }

  @Test
  void matchesNothingWhenAParameterTypeDiffers() throws ConfigException {
    assertEquals(new TreeSet<>(),
        woven(matching(PREFIX + "OrderService#place(String, long)"), OrderService.class));
    assertEquals(new TreeSet<>(),
        woven(matching(PREFIX + "OrderService#place(com.example.String)"), OrderService.class));
  }

  // ---- annotated: ------------------------------------------------------------------------------

  @Test
  void annotatedWeavesOnlyTheMethodsCarryingTheAnnotation() throws ConfigException {
    MethodRules rules = rules("  - annotated: " + PREFIX + "Monitored\n    log: true\n");

    assertEquals(new TreeSet<>(List.of("checkout/0")), woven(rules, OrderService.class));
  }

  @Test
  void annotatedSelectsOnlyTypesThatDeclareAnAnnotatedMethod() throws ConfigException {
    MethodRules rules = rules("  - annotated: " + PREFIX + "Monitored\n    log: true\n");

    assertTrue(rules.types().matches(type(OrderService.class)));
    assertFalse(rules.types().matches(type(InventoryService.class)));
  }

  // ---- implements: ------------------------------------------------------------------------------

  @Test
  void implementsWeavesTheInterfaceMethodsOfAnImplementation() throws ConfigException {
    MethodRules rules = rules("  - implements: " + PREFIX + "PaymentApi\n    log: true\n");

    assertEquals(new TreeSet<>(List.of("charge/2")), woven(rules, CardPayments.class));
  }

  @Test
  void implementsAlsoCoversSubclassesAndOverriddenDefaultMethods() throws ConfigException {
    MethodRules rules = rules("  - implements: " + PREFIX + "PaymentApi\n    log: true\n");

    assertEquals(new TreeSet<>(List.of("charge/2", "currency/0")),
        woven(rules, PremiumCardPayments.class));
  }

  @Test
  void implementsSelectsImplementationsAndTheInterfaceItselfForItsDefaultMethods() throws ConfigException {
    MethodRules rules = rules("  - implements: " + PREFIX + "PaymentApi\n    log: true\n");

    assertTrue(rules.types().matches(type(CardPayments.class)));
    assertTrue(rules.types().matches(type(PremiumCardPayments.class)));
    assertTrue(rules.types().matches(type(PaymentApi.class)));
    assertNotNull(rules.ruleFor(type(PaymentApi.class), method(PaymentApi.class, "currency")),
        "a default method of the interface is woven");
    assertFalse(rules.types().matches(type(OrderService.class)));
  }

  @Test
  void implementsOfAClassWeavesTheMethodsOverriddenFromIt() throws ConfigException {
    MethodRules rules = rules("  - implements: " + PREFIX + "AbstractJob\n    log: true\n");

    assertTrue(rules.types().matches(type(NightlyJob.class)));
    assertEquals(new TreeSet<>(List.of("run/0")), woven(rules, NightlyJob.class));
  }

  @Test
  void implementsOfAGenericInterfaceWeavesTheRealMethodsNotTheBridges() throws ConfigException {
    MethodRules rules = rules("  - implements: " + PREFIX + "Repository\n    log: true\n");
    TypeDescription books = type(BookRepository.class);

    assertTrue(rules.types().matches(books));
    assertNotNull(rules.ruleFor(books, method(BookRepository.class, "save", String.class)));
    assertNotNull(rules.ruleFor(books, method(BookRepository.class, "find", String.class)));
    assertNull(rules.ruleFor(books, method(BookRepository.class, "compact")));
    for (MethodDescription bridge : methods(BookRepository.class).filter(isBridge())) {
      assertNull(rules.ruleFor(books, bridge), bridge.toString());
    }
  }

  // ---- several rules ---------------------------------------------------------------------------

  @Test
  void theFirstMatchingRuleWins() throws ConfigException {
    MethodRules rules = rules("""
          - match: "io.kitagent.weave.methods.MethodRulesTest$OrderService#place*"
            log: {level: debug}
          - match: "io.kitagent.weave.methods.MethodRulesTest$OrderService#*"
            log: {level: warn}
        """);
    TypeDescription service = type(OrderService.class);

    MethodRule forPlaceOrder = rules.ruleFor(service, method(OrderService.class, "placeOrder",
        String.class, int.class));
    MethodRule forAudit = rules.ruleFor(service, method(OrderService.class, "audit", String.class));

    assertEquals(0, forPlaceOrder.index());
    assertEquals(Level.DEBUG, forPlaceOrder.get(LogConfig.METHOD).level());
    assertEquals(1, forAudit.index());
    assertEquals(Level.WARN, forAudit.get(LogConfig.METHOD).level());
  }

  @Test
  void anEarlierRuleWithoutLoggingKeepsAMethodFromLaterRules() throws ConfigException {
    MethodRules rules = rules("""
          - match: "io.kitagent.weave.methods.MethodRulesTest$OrderService#audit"
            log: false
          - match: "io.kitagent.weave.methods.MethodRulesTest$OrderService#*"
            log: true
        """);

    MethodRule forAudit = rules.ruleFor(type(OrderService.class),
        method(OrderService.class, "audit", String.class));

    assertEquals(0, forAudit.index());
    assertNull(forAudit.get(LogConfig.METHOD));
  }

  @Test
  void selectsATypeWhenAnyRuleSelectsIt() throws ConfigException {
    MethodRules rules = rules("""
          - match: "io.kitagent.weave.methods.MethodRulesTest$InventoryService#*"
            log: true
          - implements: io.kitagent.weave.methods.MethodRulesTest$PaymentApi
            log: true
        """);

    assertTrue(rules.types().matches(type(InventoryService.class)));
    assertTrue(rules.types().matches(type(CardPayments.class)));
    assertFalse(rules.types().matches(type(OrderService.class)));
  }

  @Test
  void withoutRulesNothingIsSelected() {
    MethodRules rules = new MethodRules(List.of());

    assertTrue(rules.isEmpty());
    assertFalse(rules.types().matches(type(OrderService.class)));
    assertNull(rules.ruleFor(type(OrderService.class), method(OrderService.class, "place")));
  }
}
