/* fake bundle for tests */window.__fakeBundle=1;
