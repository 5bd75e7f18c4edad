/** The Boxes page's part for boxes other than Lunii: Yoto's upload queue, and SD-card boxes. */
import { SdCardPanel } from './SdCardPanel';
import { YotoPanel } from './YotoPanel';

export function OtherBrands() {
  return (
    <div className="other-brands" data-testid="other-brands">
      <YotoPanel />
      <SdCardPanel />
    </div>
  );
}
