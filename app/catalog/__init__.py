"""Categories, products, units of shipment, warehouses, stock and price lists."""
