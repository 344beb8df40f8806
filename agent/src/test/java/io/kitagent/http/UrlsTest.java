package io.kitagent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void theQueryAndFragmentAreCutUnlessTheQueryIsAskedFor() {
    assertEquals("http://h:1/a/b", Urls.forLog("http://h:1/a/b?token=x#top", false));
    assertEquals("http://h:1/a/b?token=x", Urls.forLog("http://h:1/a/b?token=x#top", true));
  }

  @Test
  void userinfoIsNeverLoggedEvenWithTheQuery() {
    assertEquals("http://h:1/a?q=1", Urls.forLog("http://user:secret@h:1/a?q=1", true));
    assertEquals("https://h/", Urls.forLog("https://user@h/", false));
  }

  @Test
  void anAtSignInThePathOrQueryIsNotUserinfo() {
    assertEquals("http://h/users/a@b", Urls.forLog("http://h/users/a@b", false));
    assertEquals("http://h/?mail=a@b", Urls.forLog("http://h/?mail=a@b", true));
    assertEquals("http://h", Urls.forLog("http://h?mail=a@b", false));
  }

  @Test
  void aUrlWithNothingToCutIsReturnedAsItIs() {
    String url = "http://127.0.0.1:8080/orders/1";
    assertEquals(url, Urls.forLog(url, false));
  }

  @Test
  void pathParametersSuchAsSessionIdsAreCutUnlessTheQueryIsAskedFor() {
    assertEquals("http://h/shop/cart/items", Urls.forLog("http://u:p@h/shop;jsessionid=S1/cart;v=2/items", false));
    assertEquals("http://h/a;x=1", Urls.forLog("http://h/a;x=1", true));
    assertEquals("/shop/cart", Urls.pathForLog("/shop/cart;jsessionid=S1", "a=1", false));
    assertEquals("/shop/cart;jsessionid=S1?a=1", Urls.pathForLog("/shop/cart;jsessionid=S1", "a=1", true));
  }
}
