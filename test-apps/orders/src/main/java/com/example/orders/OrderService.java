package com.example.orders;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The business logic: the methods a config file points the agent at. */
public class OrderService {

  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final PriceCalculator prices;
  private final Inventory inventory;

  public OrderService(PriceCalculator prices, Inventory inventory) {
    this.prices = prices;
    this.inventory = inventory;
  }

  /** Places an order; {@code behaviour} lets a request make it slow or fail, for tests and demos. */
  public Order placeOrder(String item, int quantity, String cardNumber, Behaviour behaviour)
      throws InterruptedException {
    if (behaviour.delayMillis() > 0) {
      Thread.sleep(behaviour.delayMillis());
    }
    if (behaviour.fail()) {
      throw new OrderFailedException("payment declined for " + item);
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, got " + quantity);
    }
    inventory.reserve(item, quantity);
    String id = "o-" + ids.incrementAndGet();
    Order order = new Order(id, item, quantity, prices.total(item, quantity));
    orders.put(id, order);
    return order;
  }

  public Order findOrder(String id) {
    return orders.get(id);
  }

  public int countOrders() {
    return orders.size();
  }

  /** An overload, so configs and tests see two methods that share one name. */
  public int countOrders(String item) {
    return (int) orders.values().stream().filter(order -> order.item().equals(item)).count();
  }

  @Monitored
  public boolean cancelOrder(String id) {
    return orders.remove(id) != null;
  }
}
