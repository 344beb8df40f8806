package io.kitagent.methods;

import io.kitagent.bootstrap.RefusedException;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Refusal;

/** What a refused call of one woven method throws or returns. */
final class RefusalAnswers {

  private final MethodSite site;

  RefusalAnswers(MethodSite site) {
    this.site = site;
  }

  Throwable error(Refusal refusal) {
    return new RefusedException(refusal.reason(), refusal.describe() + " at " + site.name());
  }

  Object value(Refusal refusal) {
    return null;
  }
}
