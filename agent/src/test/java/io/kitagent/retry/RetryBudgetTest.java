package io.kitagent.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsAShareOfTheCalls() {
    RetryBudget budget = new RetryBudget(0.2, 0);
    for (int i = 0; i < 10; i++) {
      budget.deposit(5 * SECOND);
    }
    assertTrue(budget.withdraw(5 * SECOND));
    assertTrue(budget.withdraw(6 * SECOND));
    assertFalse(budget.withdraw(6 * SECOND), "two retries for ten calls at 20 %");
  }

  @Test
  void keepsAFloorOfRetriesEverySecond() {
    RetryBudget budget = new RetryBudget(0.2, 3);
    int allowed = 0;
    while (budget.withdraw(SECOND) && allowed < 1000) {
      allowed++;
    }
    assertEquals(30, allowed, "3 a second over the 10 s window, with no call made");
  }

  @Test
  void forgetsWhatIsOlderThanTenSeconds() {
    RetryBudget budget = new RetryBudget(0.5, 0);
    for (int i = 0; i < 4; i++) {
      budget.deposit(0);
    }
    assertTrue(budget.withdraw(0));
    assertTrue(budget.withdraw(SECOND));
    assertFalse(budget.withdraw(2 * SECOND));
    assertFalse(budget.withdraw(11 * SECOND), "the calls of second 0 are out of the window");
    budget.deposit(12 * SECOND);
    budget.deposit(12 * SECOND);
    assertTrue(budget.withdraw(12 * SECOND), "one retry for two new calls at 50 %");
    assertFalse(budget.withdraw(12 * SECOND));
  }
}
