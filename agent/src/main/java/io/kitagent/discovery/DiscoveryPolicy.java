package io.kitagent.discovery;

import io.kitagent.config.OnReject;
import io.kitagent.core.Call;
import io.kitagent.core.Exchange;
import io.kitagent.core.RefusingPolicy;
import io.kitagent.core.Refusal;

/**
 * Sends each request to a service's logical host to one of its instances, as its balancer chooses,
 * by rewriting the request's host and port (path, query, method, headers and body untouched). A retry
 * goes to another instance than the attempt before it when there is one. With no instance, the
 * request is refused at once with the service's {@code onReject} and why, never sent to the logical
 * name; only the first requests to a service wait, at most {@code discovery.initialWait}, for its
 * source's first answer.
 * The instance's load is kept up to date from each answer, for the balancers that read it.
 */
final class DiscoveryPolicy extends RefusingPolicy {

  private final ServiceInstances instances;
  private final Balancer balancer;
  private final java.time.Duration initialWait;

  DiscoveryPolicy(ServiceInstances instances, Balancer balancer, java.time.Duration initialWait, OnReject onReject) {
    super("discovery", "no instance of " + instances.service(), onReject);
    this.instances = instances;
    this.balancer = balancer;
    this.initialWait = initialWait;
  }

  /** The balancers weigh instances by their answers' latency. */
  @Override
  public boolean timed() {
    return true;
  }

  @Override
  public Refusal before(Call call) {
    Exchange exchange = (Exchange) call;
    Instance previous = (Instance) call.kept();
    Instance chosen = balancer.pick(instances.current(initialWait), previous, instance -> true);
    if (chosen == null) {
      call.keep(null); // nothing in flight to end
      return new Refusal("discovery", instances.emptyReason(), onReject());
    }
    exchange.rewrite(chosen.host(), chosen.port());
    chosen.started();
    call.keep(chosen);
    return null;
  }

  @Override
  public void after(Call call) {
    Instance instance = (Instance) call.kept();
    if (instance != null) {
      instance.finished(call.nanos(), Instance.overloaded(call));
    }
  }
}
